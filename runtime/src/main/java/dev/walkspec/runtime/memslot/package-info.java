/**
 * The memslot sets of each address space, published behind SRCU (W2), and the index that finds the
 * slots overlapping a host-virtual range.
 */
package dev.walkspec.runtime.memslot;
