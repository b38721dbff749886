package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --section-depth}: a section is the target's first N non-empty path segments, the same on
 * rows ({@link ByteSections}) and records ({@link Sections}); depth 1 is the section of before.
 */
class SectionDepthTest {
  private static String ofBytes(String target, int depth) {
    byte[] b = target.getBytes(StandardCharsets.ISO_8859_1);
    long range = ByteSections.of(b, 0, b.length, depth);
    int start = (int) (range >> 32);
    return start < 0
        ? ParsedLines.PLACEHOLDERS[-start - 1]
        : new String(b, start, (int) range - start, StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/users?id=3, 1, /api",
    "/api/v1/users?id=3, 2, /api/v1",
    "/api/v1/users?id=3, 3, /api/v1/users",
    "/api/v1/users?id=3, 9, /api/v1/users",
    "/api/v1/, 2, /api/v1",
    "/api//v1, 2, /api",
    "/, 2, /",
    "//x, 2, /",
    "/a#frag/b, 2, /a",
    "http://h.example/a/b/c, 2, /a/b",
    "http://h.example, 2, /",
    "*, 2, *",
  })
  void cutsAtTheDepth(String target, int depth, String section) {
    assertThat(Sections.of(target, depth)).isEqualTo(section);
    assertThat(ofBytes(target, depth)).isEqualTo(section);
  }

  @Property
  void rowsAndRecordsAgree(
      @ForAll("targets") String target, @ForAll @IntRange(min = 1, max = 16) int depth) {
    assertThat(ofBytes(target, depth)).isEqualTo(Sections.of(target, depth));
    if (depth == 1) {
      assertThat(Sections.of(target, 1)).isEqualTo(Sections.of(target));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> targets() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("/ab?#:.*")
        .ofMaxLength(20)
        .map(s -> s.isEmpty() ? s : (s.charAt(0) == 'a' ? "http://" + s : s));
  }
}
