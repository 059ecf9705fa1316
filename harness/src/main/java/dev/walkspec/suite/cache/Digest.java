package dev.walkspec.suite.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/** A SHA-256 over named parts: each part is framed by its length, so no two inputs collide. */
@API(status = INTERNAL)
public final class Digest {
  private final MessageDigest sha;

  public Digest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  public Digest add(String part) {
    return add(part.getBytes(StandardCharsets.UTF_8));
  }

  public Digest add(byte[] part) {
    sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(part);
    return this;
  }

  public String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
