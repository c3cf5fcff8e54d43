package org.tejido.fieldwork.internal;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.tejido.fieldwork.FieldDiary;

/**
 * Deletes expired diary drafts and closed authors' copies every quarter of an hour, so raw words
 * outside the vault live no longer than promised even if nobody opens the diary again. Every read
 * also checks the time, so the quarter of an hour only bounds how long the ciphertext lingers.
 */
@Configuration
@EnableScheduling
class DiaryPurge {

  private final FieldDiary diary;

  DiaryPurge(FieldDiary diary) {
    this.diary = diary;
  }

  @Scheduled(fixedDelay = 15, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
  void purge() {
    diary.purge();
  }
}
