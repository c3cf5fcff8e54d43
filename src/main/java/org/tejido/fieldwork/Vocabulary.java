package org.tejido.fieldwork;

import java.util.List;

/**
 * The closed lists fieldwork is recorded in. Each code has a message {@code
 * fieldwork.<list>.<code>} in both languages.
 */
public final class Vocabulary {
  public static final List<String> POPULATION_GROUPS =
      List.of("women", "youth", "adult_men", "elderly", "associations");
  public static final List<String> GENDERS = List.of("woman", "man", "non_binary", "not_stated");
  public static final List<String> AGE_BANDS =
      List.of("under_18", "18_29", "30_44", "45_59", "60_plus", "not_stated");
  public static final List<String> ETHNICITIES =
      List.of("afro_descendant", "indigenous", "mestizo", "other", "not_stated");
  public static final List<String> ACTIVITY_KINDS =
      List.of("workshop", "focus_group", "interview", "walk", "field_diary", "feedback");
  public static final List<String> CONSENT_METHODS = List.of("written", "verbal", "recorded");
  public static final List<String> SOURCE_KINDS =
      List.of("transcript", "field_diary", "workshop_notes");
  public static final List<String> MEDIA_KINDS =
      List.of("audio", "photo", "video", "letter", "other");

  /** Whether {@code value} is one of {@code list}'s codes (null never is). */
  public static boolean has(List<String> list, String value) {
    return value != null && list.contains(value);
  }

  private Vocabulary() {}
}
