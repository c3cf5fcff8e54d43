package org.tejido.analysis.internal.web;

import java.util.Map;
import java.util.UUID;
import org.tejido.analysis.Code;
import org.tejido.analysis.CodeInput;
import org.tejido.analysis.Codebook;
import org.tejido.shared.BadRequest;

/** The code form as the browser sends it. */
public class CodeForm {
  private String nameEs;
  private String nameEn;
  private String description;
  private String colour = Codebook.DEFAULT_COLOUR;
  private boolean codable = true;
  private String parentId;

  static CodeForm of(Code code) {
    CodeForm f = new CodeForm();
    f.nameEs = code.name().es();
    f.nameEn = code.name().en();
    f.description = code.description();
    f.colour = code.colour();
    f.codable = code.codable();
    f.parentId = code.parentId() == null ? "" : code.parentId().toString();
    return f;
  }

  /**
   * @throws BadRequest with a field error when the parent is not an id
   */
  CodeInput toInput() {
    UUID parent = null;
    if (parentId != null && !parentId.isBlank()) {
      try {
        parent = UUID.fromString(parentId.strip());
      } catch (IllegalArgumentException e) {
        throw new BadRequest("validation.failed", Map.of("parentId", "validation.choose"));
      }
    }
    return new CodeInput(nameEs, nameEn, description, colour, codable, parent);
  }

  public String getNameEs() {
    return nameEs;
  }

  public void setNameEs(String nameEs) {
    this.nameEs = nameEs;
  }

  public String getNameEn() {
    return nameEn;
  }

  public void setNameEn(String nameEn) {
    this.nameEn = nameEn;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getColour() {
    return colour;
  }

  public void setColour(String colour) {
    this.colour = colour;
  }

  public boolean isCodable() {
    return codable;
  }

  public void setCodable(boolean codable) {
    this.codable = codable;
  }

  public String getParentId() {
    return parentId;
  }

  public void setParentId(String parentId) {
    this.parentId = parentId;
  }
}
