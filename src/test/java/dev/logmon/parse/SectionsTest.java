package dev.logmon.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SectionsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # path up to the second slash
          /pages/create               | /pages
          /pages/create/deeper        | /pages
          /report                     | /report
          /                           | /
          /pages/                     | /pages
          //double                    | /
          /robots.txt                 | /robots.txt
          # query and fragment stripped first
          /search?q=a/b               | /search
          /?q=a/b                     | /
          /a#x/y                      | /a
          /a?x#y/z                    | /a
          '/twiki/bin/search/Main/?search=Joris%20*Benschop[^A-Za-z]' | /twiki
          # absolute-URI targets use their path
          http://host/pages/x         | /pages
          http://host                 | /
          http://host/                | /
          https://h:8080/a/b?c        | /a
          http://host?x=/y            | /
          HTTP://HOST/Up/x            | /Up
          http://5.188.210.227/echo.php | /echo.php
          # asterisk form
          *                           | *
          # authority form, as CONNECT sends it
          google.com:443              | (connect)
          192.0.2.7:8443              | (connect)
          [2001:db8::1]:443           | (connect)
          # anything else not starting with a slash
          index.html                  | (invalid)
          **                          | (invalid)
          host:                       | (invalid)
          host:http                   | (invalid)
          :443                        | (invalid)
          http:/x                     | (invalid)
          ://x                        | (invalid)
          '\\x16\\x03'                | (invalid)
          -                           | (invalid)
          ''                          | (invalid)
          """)
  void sectionOfTarget(String target, String expected) {
    assertThat(Sections.of(target)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "request {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          -                 | (none)
          ''                | (empty)
          '\\n'             | (invalid)
          USER anonymous    | (invalid)
          GET /x            | (invalid)
          --                | (invalid)
          """)
  void sectionOfMalformedRequest(String request, String expected) {
    assertThat(Sections.ofMalformedRequest(request)).isEqualTo(expected);
  }

  @Test
  void nullIsInvalidNotAnException() {
    assertThat(Sections.of(null)).isEqualTo(Sections.INVALID);
    assertThat(Sections.ofMalformedRequest(null)).isEqualTo(Sections.INVALID);
  }

  @Test
  void placeholdersCannotCollideWithRealSections() {
    assertThat(
            new String[] {
              Sections.CONNECT, Sections.INVALID, Sections.NO_REQUEST, Sections.EMPTY_REQUEST
            })
        .containsExactly("(connect)", "(invalid)", "(none)", "(empty)")
        .noneMatch(s -> s.startsWith("/"));
  }
}
