/**
 * Encryption at rest with Google Tink: per-site data keys, wrapped by a master key that never
 * enters the database. Modules seal a field with {@link org.tejido.crypto.SiteEncryption}, binding
 * each ciphertext to the row it belongs to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Encryption at rest")
package org.tejido.crypto;
