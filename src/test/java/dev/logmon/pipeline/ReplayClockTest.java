package dev.logmon.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logmon.parse.LogRecord;
import dev.logmon.pipeline.ReplayClock.Held;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replay's clock rule, table-driven: a stream of hit seconds (relative to 1,000,000, a jump
 * tolerance of 100 s) and the decisions in the order the monitor would count them: {@code S@n} the
 * clock starts at n, {@code n} accepted, {@code F n} future.
 */
class ReplayClockTest {
  private static final long BASE = 1_000_000;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          an ordinary log                       ; 0 0 1 2 3 5                 ; S@0 0 0 1 2 3 5
          small steps forward are never held    ; 0 1 2 3 90 180 270          ; S@0 0 1 2 3 90 180 270
          one far-future line in the middle     ; 0 1 2 3 4 999999 5 6 7 8    ; S@0 0 1 2 3 4 F999999 5 6 7 8
          a burst of three at one second        ; 0 1 2 3 9999 9999 9999 4 5 6 ; S@0 0 1 2 3 F9999 F9999 F9999 4 5 6
          a gap: the log goes on after it       ; 0 1 2 3 50000 50001 50002 50003 ; S@0 0 1 2 3 50000 50001 50002 50003
          a gap with an out-of-order line       ; 0 1 2 3 5000 5001 4990 5002 5003 ; S@0 0 1 2 3 5000 5001 4990 5002 5003
          one agreeing line is not enough       ; 0 1 2 3 9000 9000 4 5 6      ; S@0 0 1 2 3 F9000 F9000 4 5 6
          the first line from 2099              ; 999999 0 1 2 3              ; S@0 0 1 2 F999999 3
          the first line from long ago          ; -999999 0 1 2 3             ; S@0 0 1 2 -999999 3
          a sparse log: no cluster at the start ; 0 3600 7200 10800 14400 18000 ; S@0 0 3600 7200 10800 14400 18000
          a last line far ahead is future       ; 0 1 2 3 4 5 999999          ; S@0 0 1 2 3 4 5 F999999
          a last line after a gap of a day      ; 0 1 2 3 86400 172800 172900 ; S@0 0 1 2 3 86400 172800 172900
          a single line                         ; 7                           ; S@7 7
          two lines far apart                   ; 0 999999                    ; S@0 0 F999999
          """)
  void decisions(String what, String seconds, String expected) {
    List<String> out = new ArrayList<>();
    ReplayClock clock =
        new ReplayClock(
            100,
            new ReplayClock.Sink() {
              @Override
              public void start(long second) {
                out.add("S@" + (second - BASE));
              }

              @Override
              public void accept(Held h) {
                out.add(String.valueOf(h.second() - BASE));
              }

              @Override
              public void future(Held h) {
                out.add("F" + (h.second() - BASE));
              }
            });
    long line = 1;
    for (String s : seconds.trim().split("\\s+")) {
      long second = BASE + Long.parseLong(s);
      if (clock.pass(second)) {
        out.add(String.valueOf(second - BASE));
      } else {
        clock.offer(new Held(record(second), "t.log", line, "line " + line));
      }
      line++;
    }
    clock.finish();
    assertThat(out).as(what).containsExactlyElementsOf(Arrays.asList(expected.trim().split(" ")));
  }

  private static LogRecord record(long second) {
    return new LogRecord(
        "192.0.2.1",
        "-",
        second,
        0,
        "GET",
        "/",
        "/",
        false,
        200,
        1,
        null,
        null,
        null,
        LogRecord.NO_DURATION);
  }
}
