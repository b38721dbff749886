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
 * Properties of {@link BatchAssembler}, which reads into its batches' arrays and counts lines a
 * word at a time: its batches hold exactly the lines a {@link LineSplitter} (the line-by-line
 * oracle) cuts from the whole input, numbered and marked alike, whatever the read sizes and the cap
 * (below 24 bytes every line is checked, above it only a block without a newline sends the lines
 * through the check); each batch's end position lies just after its last line.
 */
class BatchAssemblerProperties {
  @Property(tries = 3000)
  void readsInAnyPiecesMakeTheSplittersLines(
      @ForAll("text") byte[] input,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 900) Integer> reads,
      @ForAll @IntRange(min = 1, max = 5) int maxBatchLines,
      @ForAll("caps") int cap,
      @ForAll boolean skipFirstLine,
      @ForAll boolean direct,
      @ForAll boolean whole) {
    List<String> expected = new ArrayList<>();
    LineSplitter oracle = new LineSplitter(cap);
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
            cap,
            maxBatchLines,
            (offset, mid) -> new FilePosition("f", null, 0, "", offset, mid));
    if (skipFirstLine) {
      a.discardUntilNewline();
    }
    List<LineBatch> batches = new ArrayList<>();
    int at = 0;
    for (int r = 0; at < input.length; r++) {
      int n = Math.min(input.length - at, r < reads.size() ? reads.get(r) : input.length);
      if (direct) {
        // As a file is read: into the array at its fill, with room to spare.
        byte[] into2 = a.room(n + 7);
        System.arraycopy(input, at, into2, a.fill(), n);
        a.filled(n, at + n);
      } else {
        a.feed(input, at, n, at);
      }
      at += n;
      for (LineBatch b; (b = a.next(whole)) != null; ) {
        if (!whole) {
          assertThat(b.lineCount()).isGreaterThanOrEqualTo(maxBatchLines);
        }
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
      assertThat(b.lineCount()).isPositive();
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
      assertThat(start).isEqualTo(b.length());
      assertThat(line).isEqualTo(b.lineCount());
      long end = b.end().offset();
      // Just after the last line: after its newline, or (cut, or the unterminated tail) inside it.
      assertThat(end).isBetween(0L, (long) input.length);
      if (!b.end().midLine()) {
        assertThat(input[(int) end - 1]).isEqualTo((byte) '\n');
        assertThat(Split.decode(input, 0, (int) end).split("\n", -1).length - 1)
            .isEqualTo(next + b.lineCount() - 1 + (skipFirstLine ? 1 : 0));
      }
      next += b.lineCount();
    }
    assertThat(got).isEqualTo(expected);
    assertThat(a.oversizeLines()).isEqualTo(oracle.oversizeLines());
  }

  /** After a copytruncate, the NULs a writer not in append mode leaves are dropped, then lines. */
  @Property(tries = 500)
  void leadingNulsAreSkipped(
      @ForAll @IntRange(min = 0, max = 100) int nuls,
      @ForAll("text") byte[] text,
      @ForAll @IntRange(min = 1, max = 50) int read) {
    byte[] input = new byte[nuls + text.length];
    System.arraycopy(text, 0, input, nuls, text.length);
    BatchAssembler a = new BatchAssembler("f", 1 << 16, 100);
    a.skipLeadingNuls();
    List<String> got = new ArrayList<>();
    for (int at = 0; at < input.length; at += read) {
      a.feed(input, at, Math.min(read, input.length - at));
      for (LineBatch b; (b = a.next(true)) != null; ) {
        got.addAll(b.lines());
      }
    }
    a.endOfInput();
    for (LineBatch b; (b = a.next(true)) != null; ) {
      got.addAll(b.lines());
    }
    int first = 0;
    while (first < text.length && text[first] == 0) {
      first++;
    }
    List<String> expected = new ArrayList<>();
    LineSplitter oracle = new LineSplitter(1 << 16);
    oracle.feed(text, first, text.length - first, Split.into(expected));
    Split.flush(oracle).ifPresent(expected::add);
    assertThat(got).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Integer> caps() {
    return Arbitraries.of(1, 5, 12, 64, 192, 200, 400);
  }

  @Provide
  Arbitrary<byte[]> text() {
    Arbitrary<String> line = Arbitraries.strings().withChars("ab\u00e9\u20ac\r ").ofMaxLength(700);
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
