package dev.logmon.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines a {@link LineSplitter} hands over, as text (one trailing \r dropped), for tests. */
final class Split {
  private Split() {}

  /** A sink that adds each line to {@code out}, decoded as UTF-8 with U+FFFD. */
  static LineSplitter.Lines into(List<String> out) {
    return (b, off, len, cut) -> {
      int n = !cut && len > 0 && b[off + len - 1] == '\r' ? len - 1 : len;
      out.add(decode(b, off, n));
    };
  }

  /** The unterminated tail as a line, if any. */
  static Optional<String> flush(LineSplitter splitter) {
    List<String> out = new ArrayList<>(1);
    splitter.flush(into(out));
    return out.stream().findFirst();
  }

  static String decode(byte[] b, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
