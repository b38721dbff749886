package dev.logmon.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The file behind {@code --state}: the {@link FilePosition} of each followed path, as JSON.
 *
 * <p>Format: {@code {"version":1,"files":[{"path":..,"file_key":..,"prefix_length":..,
 * "prefix_sha256":..,"offset":..,"mid_line":..,"displaced":..}]}}; a displaced entry is a file
 * renamed away from {@code path} to a name not known yet ({@link SavedPositions}), keyed by its
 * identity when read. A write goes to a temporary file in the same directory, is forced to disk,
 * and renamed over the old file in one atomic step, so a crash leaves either the old state or the
 * new one, never a torn file. A state file that cannot be read or parsed costs one warning and an
 * empty start.
 *
 * <p>Entries of files gone for good are dropped ({@link #load}, {@link #removeGone}): a file is
 * gone for good when nothing exists at its path any more and no file in its directory is it (has
 * its device and inode and starts with its first bytes: renamed there by a rotation). Reading
 * streams the file and keeps at most {@link #MAX_ENTRIES} entries, so memory stays bounded however
 * large a state file grew. Stateless; one path should have one writer.
 */
public final class StateFile {
  /** The most entries kept when reading: far more files than one logmon follows. */
  public static final int MAX_ENTRIES = 50_000;

  private static final int VERSION = 1;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private StateFile() {}

  /**
   * The saved positions by path, without those of files gone for good; empty (with one note) if the
   * file is missing or unreadable.
   */
  public static Map<String, FilePosition> load(Path file, Consumer<String> notes) {
    return read(file, notes, new Liveness()::alive, MAX_ENTRIES);
  }

  /** Every saved position by path (up to {@link #MAX_ENTRIES}), gone files included. */
  public static Map<String, FilePosition> read(Path file, Consumer<String> notes) {
    return read(file, notes, p -> true, MAX_ENTRIES);
  }

  /** The saved positions {@code keep} accepts, the first {@code max} of them. */
  static Map<String, FilePosition> read(
      Path file, Consumer<String> notes, Predicate<FilePosition> keep, int max) {
    Map<String, FilePosition> positions = new TreeMap<>();
    long[] over = {0};
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      parse(
          in,
          (p, displaced) -> {
            if (!keep.test(p)) {
              return;
            }
            String key = displaced ? SavedPositions.displacedKey(p) : p.path();
            if (positions.size() < max || positions.containsKey(key)) {
              positions.put(key, p);
            } else {
              over[0]++;
            }
          });
    } catch (NoSuchFileException e) {
      return new TreeMap<>(); // first run: nothing saved yet
    } catch (IOException | IllegalArgumentException e) {
      notes.accept("cannot read state file " + file + ": " + problem(e) + "; starting fresh");
      return new TreeMap<>();
    }
    if (over[0] > 0) {
      notes.accept(
          "state file "
              + file
              + " holds more than "
              + max
              + " entries of existing files; "
              + over[0]
              + " were not loaded");
    }
    return positions;
  }

  /**
   * Removes the positions of files gone for good from {@code positions}; returns how many. Costs a
   * stat per entry and a listing per directory of a missing file.
   */
  public static int removeGone(Map<String, FilePosition> positions) {
    Liveness liveness = new Liveness();
    int before = positions.size();
    positions
        .entrySet()
        .removeIf(
            e ->
                SavedPositions.isDisplaced(e.getKey())
                    ? !liveness.renamed(e.getValue())
                    : !liveness.alive(e.getValue()));
    return before - positions.size();
  }

  /** What is wrong with a state file, in words for its user rather than the JSON library's. */
  private static String problem(Exception e) {
    if (e instanceof JsonProcessingException j) {
      JsonLocation at = j.getLocation();
      return "not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    return e instanceof IllegalArgumentException
        ? "invalid entry: " + e.getMessage()
        : e.getMessage();
  }

  /** Replaces the state file with {@code positions} (by path), atomically and durably. */
  public static void write(Path file, Collection<FilePosition> positions) throws IOException {
    Map<String, FilePosition> byPath = new LinkedHashMap<>();
    positions.forEach(p -> byPath.put(p.path(), p));
    write(file, byPath);
  }

  /** Replaces the state file with {@code positions} (keys as {@link #read} gives them). */
  public static void write(Path file, Map<String, FilePosition> positions) throws IOException {
    byte[] bytes = format(positions);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    // Makes the rename itself durable; not every platform can open a directory, which is fine.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // The data is safe in the new file; only the rename could be lost in a power cut.
    }
  }

  static byte[] format(Map<String, FilePosition> positions) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("files");
      for (Map.Entry<String, FilePosition> e : positions.entrySet()) {
        FilePosition p = e.getValue();
        g.writeStartObject();
        g.writeStringField("path", p.path());
        g.writeStringField("file_key", p.fileKey());
        g.writeNumberField("prefix_length", p.prefixLength());
        g.writeStringField("prefix_sha256", p.prefixSha256());
        g.writeNumberField("offset", p.offset());
        g.writeBooleanField("mid_line", p.midLine());
        if (SavedPositions.isDisplaced(e.getKey())) {
          g.writeBooleanField("displaced", true);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  static Map<String, FilePosition> parse(byte[] bytes) throws IOException {
    Map<String, FilePosition> positions = new TreeMap<>();
    parse(
        new java.io.ByteArrayInputStream(bytes),
        (p, displaced) -> positions.put(displaced ? SavedPositions.displacedKey(p) : p.path(), p));
    return positions;
  }

  /** Streams the entries of a state file to {@code each}; fails on anything malformed. */
  private static void parse(InputStream in, BiConsumer<FilePosition, Boolean> each)
      throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      boolean versionSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("version")) {
          expect(value, JsonToken.VALUE_NUMBER_INT);
          if (p.getIntValue() != VERSION) {
            throw new IOException("unsupported version " + p.getText() + " (this logmon writes 1)");
          }
          versionSeen = true;
        } else if (field.equals("files")) {
          expect(value, JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            boolean[] displaced = {false};
            FilePosition entry = entry(p, displaced);
            each.accept(entry, displaced[0]);
          }
          expect(p.currentToken(), JsonToken.END_ARRAY);
        } else {
          p.skipChildren(); // a field from a later version: ignore it
        }
      }
      expect(p.currentToken(), JsonToken.END_OBJECT);
      if (!versionSeen) {
        throw new IOException("not a logmon state file (no version)");
      }
    }
  }

  /** Whether a saved file may still exist (see the class comment); caches directory listings. */
  private static final class Liveness {
    private final Map<Path, Map<String, Path>> byDirectory =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Path, Map<String, Path>> eldest) {
            return size() > 256;
          }
        };

    private final Map<Path, Map<String, Path>> confirmed = new HashMap<>(); // second listings

    boolean alive(FilePosition p) {
      Path path;
      try {
        path = Path.of(p.path());
      } catch (InvalidPathException e) {
        return false;
      }
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return true; // something is at its path: a file there later is measured against it
      }
      return renamed(p);
    }

    /**
     * Whether a file of the saved path's directory is the saved file. A miss is confirmed by a
     * second listing: one racing a rename can miss the renamed file.
     */
    boolean renamed(FilePosition p) {
      Path dir;
      try {
        dir = Path.of(p.path()).getParent();
      } catch (InvalidPathException e) {
        return false;
      }
      if (p.fileKey() == null || dir == null) {
        return false;
      }
      Path renamed = byDirectory.computeIfAbsent(dir, Liveness::keysIn).get(p.fileKey());
      if (renamed == null) {
        renamed = confirmed.computeIfAbsent(dir, Liveness::keysIn).get(p.fileKey());
      }
      return renamed != null && sameFile(renamed, p);
    }

    /**
     * Whether the file with the saved key also starts as the saved one did (not a reused inode).
     */
    private static boolean sameFile(Path candidate, FilePosition p) {
      try (FileChannel ch = FileChannel.open(candidate, StandardOpenOption.READ)) {
        return p.prefixLength() == 0 || FileIdentity.prefixMatches(ch, p);
      } catch (IOException e) {
        return false;
      }
    }

    private static Map<String, Path> keysIn(Path dir) {
      Map<String, Path> keys = new HashMap<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path e : entries) {
          try {
            Object key = Files.readAttributes(e, BasicFileAttributes.class).fileKey();
            if (key != null) {
              keys.put(key.toString(), e);
            }
          } catch (IOException vanished) {
            // gone while listed: not there
          }
        }
      } catch (IOException | RuntimeException e) {
        // no such directory, or not readable: nothing is found in it
      }
      return keys;
    }
  }

  private static FilePosition entry(JsonParser p, boolean[] displaced) throws IOException {
    String path = null;
    String key = null;
    String sha = null;
    long prefixLength = -1;
    long offset = -1;
    boolean midLine = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "path" -> path = text(p, value);
        case "file_key" -> key = value == JsonToken.VALUE_NULL ? null : text(p, value);
        case "prefix_sha256" -> sha = text(p, value);
        case "prefix_length" -> prefixLength = number(p, value);
        case "offset" -> offset = number(p, value);
        case "mid_line" -> midLine = value == JsonToken.VALUE_TRUE;
        case "displaced" -> displaced[0] = value == JsonToken.VALUE_TRUE;
        default -> p.skipChildren();
      }
    }
    expect(p.currentToken(), JsonToken.END_OBJECT);
    if (path == null || sha == null || prefixLength < 0 || prefixLength > Integer.MAX_VALUE) {
      throw new IOException("incomplete entry" + (path == null ? "" : " for " + path));
    }
    return new FilePosition(path, key, (int) prefixLength, sha, offset, midLine);
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    expect(value, JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static long number(JsonParser p, JsonToken value) throws IOException {
    expect(value, JsonToken.VALUE_NUMBER_INT);
    return p.getLongValue();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException(
          "not a logmon state file (expected "
              + words(expected)
              + ", found "
              + words(actual)
              + ")");
    }
  }

  private static String words(JsonToken t) {
    if (t == null) {
      return "the end";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case END_OBJECT -> "the end of an object";
      case START_ARRAY -> "a list";
      case END_ARRAY -> "the end of a list";
      case FIELD_NAME -> "a field";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
