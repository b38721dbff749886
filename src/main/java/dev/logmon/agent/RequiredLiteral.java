package dev.logmon.agent;

/**
 * The longest run of plain characters that every match of a regular expression must contain, read
 * from its text: {@code AdsBot-Google([^-]|$)} needs {@code AdsBot-Google}, {@code [wW]get} needs
 * {@code get}. A text without it cannot match, so a list of patterns can be narrowed to those whose
 * literal occurs in a text before any pattern runs. Conservative: where the pattern is not
 * understood (a top-level alternative, a flag) there is no required literal.
 */
final class RequiredLiteral {
  private RequiredLiteral() {}

  /** The required literal of {@code regex}, or "" if none was found. */
  static String of(String regex) {
    if (topLevelAlternative(regex) || regex.contains("(?")) {
      return "";
    }
    String best = "";
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      int next;
      Character literal = null;
      if (c == '\\' && i + 1 < regex.length()) {
        char e = regex.charAt(i + 1);
        if (!Character.isLetterOrDigit(e) && e < 0x7f) {
          literal = e;
        }
        next = i + 2;
      } else if (c == '[') {
        next = skipClass(regex, i);
      } else if (c == '(') {
        next = skipGroup(regex, i);
      } else if (c == '{') {
        int close = regex.indexOf('}', i);
        next = close < 0 ? regex.length() : close + 1;
      } else if ("^$.|)*+?".indexOf(c) >= 0) {
        next = i + 1;
      } else {
        literal = c;
        next = i + 1;
      }
      char after = next < regex.length() ? regex.charAt(next) : 0;
      boolean optional =
          after == '?' || after == '*' || (after == '{' && regex.startsWith("{0", next));
      if (literal != null && !optional) {
        run.append(literal);
        if (after == '+' || after == '{') {
          best = longer(best, run); // required once; what follows is not next to it
          run.setLength(0);
        }
      } else {
        best = longer(best, run);
        run.setLength(0);
      }
      i = next;
    }
    return longer(best, run);
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static boolean topLevelAlternative(String regex) {
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(regex, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /** The index after the character class starting at {@code i}. */
  private static int skipClass(String regex, int i) {
    int j = i + 1;
    if (j < regex.length() && regex.charAt(j) == '^') {
      j++;
    }
    if (j < regex.length() && regex.charAt(j) == ']') {
      j++;
    }
    while (j < regex.length() && regex.charAt(j) != ']') {
      j += regex.charAt(j) == '\\' ? 2 : 1;
    }
    return Math.min(regex.length(), j + 1);
  }

  /** The index after the group starting at {@code i}. */
  private static int skipGroup(String regex, int i) {
    int depth = 0;
    for (int j = i; j < regex.length(); j++) {
      char c = regex.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[') {
        j = skipClass(regex, j) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return regex.length();
  }
}
