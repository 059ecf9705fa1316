package dev.walkspec.conform.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over named parts: each part is framed by its length, so no two inputs collide. */
final class Digest {
  private final MessageDigest sha;

  Digest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  Digest add(String part) {
    return add(part.getBytes(StandardCharsets.UTF_8));
  }

  Digest add(byte[] part) {
    sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(part);
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
