package dev.logmon.present.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The web JSON stays inert text even when a log line carries markup. */
class WebJsonTest {
  @Test
  void markupAndLineSeparatorsAreEscaped() {
    String json =
        WebJson.write(g -> g.writeStringField("section", "/</script><b>&\u2028\"x\u0007"));
    assertThat(json)
        .isEqualTo(
            "{\"section\":\"/\\u003C/script\\u003E\\u003Cb\\u003E\\u0026\\u2028\\\"x\\u0007\"}");
  }
}
