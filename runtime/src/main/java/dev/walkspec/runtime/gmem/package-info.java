/**
 * guest_memfd files and their bindings to memslots, which the guest_memfd invalidation walks (file
 * page offsets to gfns, {@link dev.walkspec.runtime.api.GfnRange#forGmem}).
 */
package dev.walkspec.runtime.gmem;
