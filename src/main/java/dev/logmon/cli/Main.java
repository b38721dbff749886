package dev.logmon.cli;

/** The {@code logmon} executable: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    StopOnSignal.install(); // first, so that a stop during start-up still ends cleanly
    int code = run(args);
    StopOnSignal.commandEnded();
    System.exit(code);
  }

  /** Runs logmon with {@code args} and returns the exit code (0 ok, 1 runtime error, 2 usage). */
  public static int run(String... args) {
    return LogmonCommand.commandLine().execute(args);
  }
}
