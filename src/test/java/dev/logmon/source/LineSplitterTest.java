package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private final List<String> out = new ArrayList<>();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void feed(LineSplitter splitter, String s) {
    byte[] b = bytes(s);
    splitter.feed(b, 0, b.length, Split.into(out));
  }

  @Test
  void splitsOnNewlineAndKeepsPartialLineUntilItsNewline() {
    LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
    feed(splitter, "a\nbb\ncc");
    assertThat(out).containsExactly("a", "bb");
    assertThat(splitter.bufferedBytes()).isEqualTo(2);
    feed(splitter, "c\n");
    assertThat(out).containsExactly("a", "bb", "ccc");
    assertThat(splitter.lines()).isEqualTo(3);
  }

  @Test
  void dropsOneTrailingCarriageReturn() {
    LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
    feed(splitter, "a\r\nb\r\r\nc\r");
    feed(splitter, "\n");
    assertThat(out).containsExactly("a", "b\r", "c");
  }

  @Test
  void decodesInvalidUtf8WithReplacementCharacter() {
    LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
    byte[] b = {'x', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'y', '\n'};
    splitter.feed(b, 0, b.length, Split.into(out));
    assertThat(out).containsExactly("x\uFFFD", "\uFFFD\uFFFDy");
  }

  @Test
  void multiByteCharacterSplitAcrossChunksDecodesWhole() {
    LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
    byte[] b = bytes("é€😀\n");
    for (int i = 0; i < b.length; i++) {
      splitter.feed(b, i, 1, Split.into(out));
    }
    assertThat(out).containsExactly("é€😀");
  }

  @Test
  void flushReturnsUnterminatedTail() {
    LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
    feed(splitter, "a\ntail");
    assertThat(Split.flush(splitter)).contains("tail");
    assertThat(Split.flush(splitter)).isEmpty();
    assertThat(splitter.lines()).isEqualTo(2);
  }

  @Test
  void oversizeLineIsCutCountedAndNextLineIntact() {
    LineSplitter splitter = new LineSplitter(8);
    feed(splitter, "0123456789abc");
    feed(splitter, "defghij");
    feed(splitter, "klm\nnext\n");
    assertThat(out).containsExactly("01234567", "next");
    assertThat(splitter.oversizeLines()).isEqualTo(1);
    assertThat(splitter.bufferedBytes()).isZero();
  }

  @Test
  void oversizeLineInOneChunkIsCutTheSameWay() {
    LineSplitter splitter = new LineSplitter(8);
    feed(splitter, "0123456789abc\nnext\n");
    assertThat(out).containsExactly("01234567", "next");
    assertThat(splitter.oversizeLines()).isEqualTo(1);
  }

  @Test
  void lineOfExactlyTheCapPlusCrlfIsNotOversize() {
    LineSplitter splitter = new LineSplitter(4);
    feed(splitter, "abcd\r");
    feed(splitter, "\nefgh\r\n");
    assertThat(out).containsExactly("abcd", "efgh");
    assertThat(splitter.oversizeLines()).isZero();
  }

  @Test
  void cutDoesNotSplitAMultiByteCharacter() {
    LineSplitter splitter = new LineSplitter(4);
    feed(splitter, "ab€cd\n");
    assertThat(out).containsExactly("ab");
  }

  @Test
  void oversizeUnterminatedTailIsNotEmittedTwice() {
    LineSplitter splitter = new LineSplitter(4);
    feed(splitter, "abcdefgh");
    assertThat(out).containsExactly("abcd");
    assertThat(Split.flush(splitter)).isEmpty();
  }
}
