package dev.logmon.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The file behind {@code --state}: the {@link FilePosition} of each followed path, as JSON.
 *
 * <p>Format: {@code {"version":1,"files":[{"path":..,"file_key":..,"prefix_length":..,
 * "prefix_sha256":..,"offset":..,"mid_line":..}]}}. A write goes to a temporary file in the same
 * directory, is forced to disk, and renamed over the old file in one atomic step, so a crash leaves
 * either the old state or the new one, never a torn file. A state file that cannot be read or
 * parsed costs one warning and an empty start. Stateless; one path should have one writer.
 */
public final class StateFile {
  private static final int VERSION = 1;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private StateFile() {}

  /** The saved positions by path; empty (with one note) if the file is missing or unreadable. */
  public static Map<String, FilePosition> read(Path file, Consumer<String> notes) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return new TreeMap<>(); // first run: nothing saved yet
    } catch (IOException | RuntimeException e) {
      notes.accept("cannot read state file " + file + " (" + e.getMessage() + "); starting fresh");
      return new TreeMap<>();
    }
  }

  /** Replaces the state file with {@code positions}, atomically and durably. */
  public static void write(Path file, Collection<FilePosition> positions) throws IOException {
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

  static byte[] format(Collection<FilePosition> positions) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", VERSION);
      g.writeArrayFieldStart("files");
      for (FilePosition p : positions) {
        g.writeStartObject();
        g.writeStringField("path", p.path());
        g.writeStringField("file_key", p.fileKey());
        g.writeNumberField("prefix_length", p.prefixLength());
        g.writeStringField("prefix_sha256", p.prefixSha256());
        g.writeNumberField("offset", p.offset());
        g.writeBooleanField("mid_line", p.midLine());
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
    try (JsonParser p = JSON.createParser(bytes)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      boolean versionSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("version")) {
          expect(value, JsonToken.VALUE_NUMBER_INT);
          if (p.getIntValue() != VERSION) {
            throw new IOException("unsupported version " + p.getText());
          }
          versionSeen = true;
        } else if (field.equals("files")) {
          expect(value, JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            FilePosition fp = entry(p);
            positions.put(fp.path(), fp);
          }
          expect(p.currentToken(), JsonToken.END_ARRAY);
        } else {
          p.skipChildren(); // a field from a later version: ignore it
        }
      }
      expect(p.currentToken(), JsonToken.END_OBJECT);
      if (!versionSeen) {
        throw new IOException("no version");
      }
    }
    return positions;
  }

  private static FilePosition entry(JsonParser p) throws IOException {
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
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
