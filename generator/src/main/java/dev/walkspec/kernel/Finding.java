package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One difference between a kernel tree and a spec: where in the tree (a path relative to the tree,
 * and a line), which rule of the spec it touches (W7, C3, or an option's name), and what.
 */
@API(status = INTERNAL)
public record Finding(String file, int line, String rule, String message) {
  public String text() {
    return file + ":" + line + ": " + rule + ": " + message;
  }
}
