/**
 * The x86 handlers the MMU notifiers actually call: the TDP MMU first, then the shadow MMU when the
 * VM keeps reverse maps (test_age skips the shadow MMU once the TDP MMU found a young mapping).
 */
package dev.walkspec.arch.x86;
