package dev.walkspec.emit.c;

import java.util.Map;

/** The C types of the language's types: addresses and words are unsigned longs, as in KVM. */
final class CTypes {
  private static final Map<String, String> TYPES =
      Map.of("hva", "unsigned long", "word", "unsigned long", "int", "long", "bool", "bool");

  private CTypes() {}

  static String of(String languageType) {
    return TYPES.getOrDefault(languageType, "unsigned long");
  }
}
