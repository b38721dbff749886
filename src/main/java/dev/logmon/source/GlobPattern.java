package dev.logmon.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

/**
 * A glob over file paths, such as {@code /var/log/nginx/*access.log*}, compiled once and expanded
 * on each poll. It is matched against absolute paths; {@code **} crosses directories, the other
 * wildcards stay within one. Immutable and thread-safe.
 */
public final class GlobPattern {
  private final String pattern;
  private final Path base;
  private final int maxDepth;
  private final PathMatcher matcher;

  /** A regular file that matched, with the attributes it had when listed (symlinks followed). */
  record Match(Path path, BasicFileAttributes attrs) {}

  private GlobPattern(String pattern) {
    this.pattern = Path.of(pattern).toAbsolutePath().toString();
    String[] parts = this.pattern.split("/", -1);
    int firstGlob = 0;
    while (firstGlob < parts.length && !hasGlob(parts[firstGlob])) {
      firstGlob++;
    }
    String dir = String.join("/", List.of(parts).subList(0, firstGlob));
    this.base = Path.of(dir.isEmpty() ? "/" : dir);
    this.maxDepth = this.pattern.contains("**") ? Integer.MAX_VALUE : parts.length - firstGlob;
    this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + this.pattern);
  }

  /**
   * Compiles {@code pattern} (absolute, or relative to the working directory).
   *
   * @throws IllegalArgumentException with a one-line message naming the pattern if it is invalid
   */
  public static GlobPattern compile(String pattern) {
    try {
      return new GlobPattern(pattern);
    } catch (PatternSyntaxException e) {
      String why = e.getDescription();
      if (why.chars().filter(c -> c == '\'').count() % 2 == 1) {
        why += "'"; // the JDK says "Missing ']"
      }
      throw new IllegalArgumentException("invalid glob pattern '" + pattern + "': " + why, e);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(
          "invalid glob pattern '" + pattern + "': " + e.getReason(), e);
    }
  }

  /**
   * Whether {@code name} has a wildcard ({@code *}, {@code ?}, {@code [} or a brace), so that it
   * may be a glob.
   */
  public static boolean hasGlob(String name) {
    return name.indexOf('*') >= 0
        || name.indexOf('?') >= 0
        || name.indexOf('[') >= 0
        || name.indexOf('{') >= 0;
  }

  /** The directory the matches are looked for in (the part before the first wildcard). */
  Path base() {
    return base;
  }

  /** Whether the absolute path {@code path} matches. */
  boolean matches(String path) {
    try {
      return matcher.matches(Path.of(path));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * The regular files matching now, in path order; null if the listing was cut short because the
   * process had no file descriptor left for a directory (the caller must not take a file missing
   * from it as gone). A base directory that does not exist is no match and no error.
   */
  List<Match> expand(Consumer<String> notes) {
    List<Match> found = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return found;
    }
    boolean[] cut = {false};
    try {
      Files.walkFileTree(
          base,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          maxDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && matcher.matches(file)) {
                found.add(new Match(file, attrs));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              cut[0] |= DescriptorLimit.isExhausted(e);
              return FileVisitResult.CONTINUE; // unreadable or vanished mid-walk: skip it
            }
          });
    } catch (IOException e) {
      if (DescriptorLimit.isExhausted(e)) {
        return null;
      }
      notes.accept("cannot list " + base + " for " + pattern + ": " + e);
    }
    found.sort((a, b) -> a.path().compareTo(b.path()));
    return cut[0] ? null : found;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
