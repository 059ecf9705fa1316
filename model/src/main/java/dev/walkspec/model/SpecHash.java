package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The content hash of a spec: SHA-256 over each input file's name and text (each followed by a NUL
 * byte), in the order the files were read. The loader and the generated suites' drift lock take it
 * the same way, through this one function.
 */
@API(status = INTERNAL)
public final class SpecHash {
  private SpecHash() {}

  /** The hash of the texts by name, in the map's iteration order; lower-case hex. */
  public static String of(Map<String, String> textsByName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> input : textsByName.entrySet()) {
        sha.update(input.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(input.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** A file's text as the loader reads it: a leading byte order mark dropped. */
  public static String text(String decoded) {
    return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
  }
}
