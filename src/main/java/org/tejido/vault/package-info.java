/**
 * The site vault: the tier for what must stay unreadable without a coordinator's passphrase —
 * identities, raw testimony, the gazetteer. Anyone with a role may write into it (public-key
 * encryption); reading needs the vault unlocked, which holds the site's private key in memory only,
 * for a limited time. Entry point: {@link org.tejido.vault.Vaults}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Site vault")
package org.tejido.vault;
