package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link BatchAssembler}, which copies a read's complete lines in one piece: its
 * batches hold exactly the lines a {@link LineSplitter} (the line-by-line oracle) cuts from the
 * whole input, numbered and marked alike, whatever the read sizes; each batch's end position lies
 * just after its last line.
 */
class BatchAssemblerProperties {
  private static final int CAP = 12;

  @Property(tries = 2000)
  void readsInAnyPiecesMakeTheSplittersLines(
      @ForAll("text") byte[] input,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 40) Integer> reads,
      @ForAll @IntRange(min = 1, max = 5) int maxBatchLines,
      @ForAll boolean skipFirstLine) {
    List<String> expected = new ArrayList<>();
    LineSplitter oracle = new LineSplitter(CAP);
    if (skipFirstLine) {
      oracle.discardUntilNewline();
    }
    LineSplitter.Lines into =
        (b, off, len, cut) -> expected.add((cut ? "CUT:" : "") + Split.decode(b, off, len));
    oracle.feed(input, 0, input.length, into);
    oracle.flush(into);

    BatchAssembler a =
        new BatchAssembler(
            "f",
            CAP,
            maxBatchLines,
            (offset, mid) -> new FilePosition("f", null, 0, "", offset, mid));
    if (skipFirstLine) {
      a.discardUntilNewline();
    }
    List<LineBatch> batches = new ArrayList<>();
    int at = 0;
    for (int r = 0; at < input.length; r++) {
      int n = Math.min(input.length - at, r < reads.size() ? reads.get(r) : input.length);
      a.feed(input, at, n, at);
      at += n;
      for (LineBatch b; (b = a.next(false)) != null; ) {
        assertThat(b.lineCount()).isEqualTo(maxBatchLines);
        batches.add(b);
      }
    }
    a.endOfInput(input.length);
    for (LineBatch b; (b = a.next(true)) != null; ) {
      batches.add(b);
    }

    List<String> got = new ArrayList<>();
    long next = 1;
    for (LineBatch b : batches) {
      assertThat(b.firstLineNumber()).isEqualTo(next);
      assertThat(b.lineCount()).isBetween(1, maxBatchLines);
      int start = 0;
      int line = 0;
      for (int i = 0; i < b.length(); i++) {
        if (b.bytes()[i] == '\n') {
          int number = line;
          boolean cut = Arrays.stream(b.cut()).anyMatch(c -> c == number);
          got.add((cut ? "CUT:" : "") + Split.decode(b.bytes(), start, i - start));
          line++;
          start = i + 1;
        }
      }
      assertThat(line).isEqualTo(b.lineCount());
      long end = b.end().offset();
      // Just after the last line: after its newline, or (cut, or the unterminated tail) inside it.
      assertThat(end).isBetween(0L, (long) input.length);
      if (!b.end().midLine()) {
        assertThat(input[(int) end - 1]).isEqualTo((byte) '\n');
      }
      next += b.lineCount();
    }
    assertThat(got).isEqualTo(expected);
    assertThat(a.oversizeLines()).isEqualTo(oracle.oversizeLines());
  }

  @Provide
  Arbitrary<byte[]> text() {
    Arbitrary<String> line =
        Arbitraries.strings().withChars("ab\u00e9\u20ac\r ").ofMaxLength(3 * CAP);
    return line.list()
        .ofMaxSize(12)
        .flatMap(
            lines ->
                Arbitraries.of(true, false)
                    .map(
                        terminated -> {
                          ByteArrayOutputStream out = new ByteArrayOutputStream();
                          for (int i = 0; i < lines.size(); i++) {
                            out.writeBytes(
                                lines.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            if (i < lines.size() - 1 || terminated) {
                              out.write('\n');
                            }
                          }
                          return out.toByteArray();
                        }));
  }
}
