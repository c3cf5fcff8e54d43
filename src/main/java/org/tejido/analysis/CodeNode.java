package org.tejido.analysis;

/**
 * A code in the codebook's tree, in display order (each code followed by its children).
 *
 * @param depth 0 at the top of the tree
 * @param codings how many codings apply it, by every coder
 */
public record CodeNode(Code code, int depth, int codings) {}
