package org.tejido.observatory.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals, once, the directory's contacts and the digest's addresses that were written in clear
 * before V39, and the held evidence written in clear before V43: the key is outside the database,
 * so the migrations could only make room for the sealed columns. Runs at every start and finds
 * nothing after the first; rows are locked while sealed, so two nodes starting together seal each
 * row once. Logs a count, never a contact or evidence.
 */
@Component
// Only where Tejido serves: an administrative command may run on a database still blank (a
// restore migrates it itself), and the server seals at its next start anyway.
@ConditionalOnWebApplication
class ContactsResealing {

  private static final Logger log = LoggerFactory.getLogger(ContactsResealing.class);

  private final ObservatoryStore store;

  ContactsResealing(ObservatoryStore store) {
    this.store = store;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void sealClearRows() {
    int sealed = store.sealClearRows();
    if (sealed > 0) {
      log.info(
          "Sealed {} observatory contacts, digest addresses and held evidence kept in clear",
          sealed);
    }
  }
}
