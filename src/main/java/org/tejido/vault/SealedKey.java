package org.tejido.vault;

/**
 * A per-subject key pair (e.g. one participant): the public half in clear, the private half sealed
 * to the site vault. Destroying the stored pair destroys everything encrypted to it.
 */
public record SealedKey(byte[] publicKeyset, byte[] sealedPrivateKeyset) {}
