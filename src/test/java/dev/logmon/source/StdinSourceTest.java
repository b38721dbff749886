package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.source.SourceStatus.State;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinSourceTest {
  final List<String> notes = new ArrayList<>();

  @Test
  void readsUntilEndOfInputIncludingUnterminatedTail() throws Exception {
    InputStream in =
        new ByteArrayInputStream("a\r\nb\n\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8));
    RecordingSink sink = new RecordingSink();
    StdinSource source = new StdinSource(in, TailOptions.follow("-"), notes::add);
    assertThat(source.run(sink)).isEqualTo(3);
    assertThat(sink.lines()).containsExactly("a", "b", "\u00e9t\u00e9");
    SourceStatus status = source.status();
    assertThat(status.state()).isEqualTo(State.DONE);
    assertThat(status.lines()).isEqualTo(3);
    assertThat(status.name()).isEqualTo("-");
  }

  @Test
  void deliversLinesAfterEachReadWithoutWaitingForAFullBatch() throws Exception {
    // Each ByteArrayInputStream is one read: lines of the first must arrive before the second.
    InputStream in =
        new SequenceInputStream(
            new ByteArrayInputStream("1\n2\n".getBytes(StandardCharsets.UTF_8)),
            new ByteArrayInputStream("3\n".getBytes(StandardCharsets.UTF_8)));
    RecordingSink sink = new RecordingSink();
    new StdinSource(in, TailOptions.follow("-"), notes::add).run(sink);
    assertThat(sink.batches)
        .extracting(LineBatch::lines)
        .containsExactly(List.of("1", "2"), List.of("3"));
  }

  @Test
  void readErrorIsNotedAndEndsInError() throws Exception {
    @SuppressWarnings("InputStreamSlowMultibyteRead") // it only fails
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("boom");
          }
        };
    StdinSource source = new StdinSource(failing, TailOptions.follow("-"), notes::add);
    source.run(new RecordingSink());
    assertThat(source.status().state()).isEqualTo(State.ERROR);
    assertThat(source.status().readErrors()).isEqualTo(1);
    assertThat(notes).hasSize(1).allMatch(n -> n.contains("boom"));
  }
}
