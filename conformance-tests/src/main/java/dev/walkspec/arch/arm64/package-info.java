/** arm64 stage 2: aging and unmap under the MMU lock held for write. */
package dev.walkspec.arch.arm64;
