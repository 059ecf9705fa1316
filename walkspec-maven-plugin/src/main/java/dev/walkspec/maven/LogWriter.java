package dev.walkspec.maven;

import java.io.Writer;
import org.apache.maven.plugin.logging.Log;

/** A writer that hands each complete line to Maven's log: as info, or as a warning. */
final class LogWriter extends Writer {
  private final Log log;
  private final boolean warn;
  private final StringBuilder line = new StringBuilder();

  LogWriter(Log log, boolean warn) {
    this.log = log;
    this.warn = warn;
  }

  @Override
  public void write(char[] buffer, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = buffer[i];
      if (c == '\n') {
        emit();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit() {
    if (warn) {
      log.warn(line.toString());
    } else {
      log.info(line.toString());
    }
    line.setLength(0);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    if (line.length() > 0) {
      emit();
    }
  }
}
