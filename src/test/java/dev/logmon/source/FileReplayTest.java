package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayTest {
  @TempDir Path dir;

  @Test
  void replaysWholeFileIncludingUnterminatedLastLineInFullBatches() throws Exception {
    Path log = dir.resolve("a.log");
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 2500; i++) {
      text.append("line ").append(i).append("\r\n");
    }
    text.append("last");
    Files.writeString(log, text);
    RecordingSink sink = new RecordingSink();
    long n = new FileReplay(100, 1000).replay(log, sink);
    assertThat(n).isEqualTo(2501);
    assertThat(sink.batches).extracting(b -> b.lines().size()).containsExactly(1000, 1000, 501);
    assertThat(sink.batches)
        .extracting(LineBatch::firstLineNumber)
        .containsExactly(1L, 1001L, 2001L);
    assertThat(sink.lines().get(0)).isEqualTo("line 1");
    assertThat(sink.lines().get(2500)).isEqualTo("last");
    assertThat(sink.batches.get(0).source()).isEqualTo(log.toString());
  }

  @Test
  void iteratorYieldsTheSameBatchesLazily() {
    byte[] input = "a\nb\nc\nd\ne".getBytes(StandardCharsets.UTF_8);
    Iterator<LineBatch> it = new FileReplay(100, 2).batches(new ByteArrayInputStream(input), "-");
    List<List<String>> batches = new ArrayList<>();
    it.forEachRemaining(b -> batches.add(b.lines()));
    assertThat(batches).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void emptyInputYieldsNothing() throws Exception {
    RecordingSink sink = new RecordingSink();
    long n = new FileReplay().replay(new ByteArrayInputStream(new byte[0]), "-", sink);
    assertThat(n).isZero();
    assertThat(sink.batches).isEmpty();
  }
}
