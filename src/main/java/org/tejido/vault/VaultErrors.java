package org.tejido.vault;

/** Codes for the vault's refusals, shared by its callers. */
public final class VaultErrors {
  public static final String LOCKED = "vault.locked";
  public static final String MISSING = "vault.missing";
  public static final String WRONG_PASSPHRASE = "vault.passphrase.wrong";

  private VaultErrors() {}
}
