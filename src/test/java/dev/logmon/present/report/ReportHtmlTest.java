package dev.logmon.present.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTML report's data block cannot be broken out of, and its policy allows only itself. */
class ReportHtmlTest {
  @Test
  void dataCannotCloseItsScriptBlock() {
    String json = "{\"s\":\"</script><script>alert(1)</script><!-- & \u2028\"}";
    String safe = ReportHtml.scriptSafe(json);
    assertThat(safe).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(safe).contains("\\u003c/script\\u003e");
    String page = ReportHtml.of(json);
    assertThat(page.split("</script>", -1)).hasSize(3); // the data's end and the script's
  }

  @Test
  void thePolicyAllowsExactlyThePagesOwnStyleAndScript() {
    String page = ReportHtml.of("{}");
    assertThat(page)
        .containsPattern(
            "content=\"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]{44}'; script-src"
                + " 'sha256-[A-Za-z0-9+/=]{44}'; img-src data:; base-uri 'none'; form-action"
                + " 'none'\"");
    assertThat(page).doesNotContain("{{");
  }
}
