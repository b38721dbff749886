package dev.logmon.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateFileTest {
  @TempDir Path dir;
  final List<String> notes = new ArrayList<>();

  static final FilePosition A =
      new FilePosition("/logs/a.log", "(dev=1,ino=2)", 10, "ab", 42, false);
  static final FilePosition B = new FilePosition("/logs/b \"q\".log", null, 0, "e3", 0, true);

  @Test
  void whatIsWrittenIsReadBack() throws Exception {
    Path state = dir.resolve("state.json");
    StateFile.write(state, List.of(A, B));
    assertThat(StateFile.read(state, notes::add))
        .containsExactlyInAnyOrderEntriesOf(Map.of(A.path(), A, B.path(), B));
    assertThat(notes).isEmpty();
  }

  @Test
  void aWriteReplacesTheFileAndLeavesNoTemporaryFileBehind() throws Exception {
    Path state = dir.resolve("state.json");
    StateFile.write(state, List.of(A));
    StateFile.write(state, List.of(B));
    assertThat(StateFile.read(state, notes::add)).containsOnlyKeys(B.path());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(state);
    }
  }

  @Test
  void aFailedWriteLeavesTheOldStateAndNoTemporaryFile() throws Exception {
    Path state = dir.resolve("state.json");
    StateFile.write(state, List.of(A));
    Path blocker = dir.resolve("sub");
    Files.createDirectories(blocker.resolve("state.json").resolve("x")); // a non-empty directory
    assertThatThrownBy(() -> StateFile.write(blocker.resolve("state.json"), List.of(B)))
        .isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(blocker)) {
      assertThat(files).containsExactly(blocker.resolve("state.json"));
    }
    assertThat(StateFile.read(state, notes::add)).containsOnlyKeys(A.path());
  }

  @Test
  void aMissingFileIsAFreshStartWithoutAWarning() {
    assertThat(StateFile.read(dir.resolve("none.json"), notes::add)).isEmpty();
    assertThat(notes).isEmpty();
  }

  /** A broken state file and what its one warning says is wrong with it. */
  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("", "not a logmon state file (expected an object, found the end)"),
        Arguments.of("garbage", "not valid JSON (line 1, column 8)"),
        Arguments.of(
            "{\"version\":1,\"files\":[{\"path\":\"/a\"", "not valid JSON (line 1, column 35)"),
        Arguments.of(
            "{\"version\":2,\"files\":[]}", "unsupported version 2 (this logmon writes 1)"),
        Arguments.of("{\"files\":[]}", "not a logmon state file (no version)"),
        Arguments.of(
            "{\"version\":1,\"files\":[{\"path\":\"/a\",\"prefix_length\":1,\"prefix_sha256\":\"x\"}]}",
            "invalid entry: "),
        Arguments.of(
            "{\"version\":1,\"files\":{}}",
            "not a logmon state file (expected a list, found an object)"),
        Arguments.of("[]", "not a logmon state file (expected an object, found a list)"));
  }

  /** A corrupt state file's warning names the problem, in words, without the JSON library's. */
  @ParameterizedTest
  @MethodSource("broken")
  void anUnreadableFileIsOneWarningAndAFreshStart(String content, String problem) throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(state, content);
    assertThat(StateFile.read(state, notes::add)).isEmpty();
    assertThat(notes)
        .singleElement()
        .asString()
        .startsWith("cannot read state file " + state + ": " + problem)
        .endsWith("; starting fresh")
        .doesNotContain("REDACTED", "Source:", "StreamReadFeature", "START_", "VALUE_", "\n");
  }

  @Test
  void unknownFieldsFromALaterVersionAreIgnored() throws Exception {
    Path state = dir.resolve("state.json");
    Files.writeString(
        state,
        "{\"version\":1,\"writer\":{\"v\":[1]},\"files\":[{\"path\":\"/a\",\"file_key\":null,"
            + "\"prefix_length\":0,\"prefix_sha256\":\"e3\",\"offset\":5,\"mid_line\":false,"
            + "\"extra\":[1,2]}]}");
    assertThat(StateFile.read(state, notes::add).get("/a").offset()).isEqualTo(5);
    assertThat(notes).isEmpty();
  }

  @Test
  void loadingDropsTheEntriesOfFilesGoneForGood() throws Exception {
    Path state = dir.resolve("state.json");
    Path kept = Files.writeString(dir.resolve("kept.log"), "");
    FilePosition there = new FilePosition(kept.toString(), null, 0, "e3", 0, false);
    FilePosition gone =
        new FilePosition(dir.resolve("gone.log").toString(), "(k)", 0, "e3", 9, false);
    FilePosition elsewhere = new FilePosition("/no/such/dir/x.log", null, 0, "e3", 1, false);
    StateFile.write(state, List.of(there, gone, elsewhere));
    assertThat(StateFile.load(state, notes::add)).containsOnlyKeys(there.path());
    assertThat(StateFile.read(state, notes::add)).hasSize(3);
    assertThat(notes).isEmpty();
  }

  /** Regression (issue 14): loading a 1-million-entry state file took 1.25 GB. */
  @Test
  void readingKeepsABoundedNumberOfEntriesAndSaysSo() throws Exception {
    Path state = dir.resolve("state.json");
    List<FilePosition> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(new FilePosition("/logs/" + i + ".log", null, 0, "e3", i, false));
    }
    StateFile.write(state, many);
    assertThat(StateFile.read(state, notes::add, p -> true, 4)).hasSize(4);
    assertThat(notes)
        .containsExactly(
            "state file "
                + state
                + " holds more than 4 entries of existing files; 6 were not loaded");
  }
}
