package org.tejido.analysis.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.tejido.analysis.Code;
import org.tejido.shared.BadRequest;

/**
 * The REFI-QDA codebook exchange format ({@code .qdc}, namespace {@code urn:QDA-XML:codebook:1.0},
 * schema {@code Codebook.xsd}). A code's Spanish name is written as its name (the format has one
 * name); its colour, description and whether it is codable are kept. Read with StAX, DTDs and
 * external entities refused.
 */
public final class QdcCodebook {

  public static final String NAMESPACE = "urn:QDA-XML:codebook:1.0";

  /** A codebook larger than this is refused before it is parsed. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private static final int MAX_CODES = 5_000;
  private static final int MAX_DEPTH = 32;
  private static final Pattern GUID =
      Pattern.compile(
          "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?");
  private static final Pattern RGB = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");

  private QdcCodebook() {}

  /** A code as the file holds it. */
  public record QdcCode(
      UUID guid,
      String name,
      boolean codable,
      String colour,
      String description,
      List<QdcCode> children) {}

  /** Writes the codes (a flat list, parents by id) as a codebook document. */
  public static byte[] write(List<Code> codes) {
    Map<UUID, List<Code>> children = new HashMap<>();
    List<Code> roots = new ArrayList<>();
    java.util.Set<UUID> ids = new java.util.HashSet<>();
    codes.forEach(c -> ids.add(c.id()));
    for (Code c : codes) {
      if (c.parentId() == null || !ids.contains(c.parentId())) {
        roots.add(c);
      } else {
        children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("CodeBook");
      w.writeDefaultNamespace(NAMESPACE);
      w.writeAttribute("origin", "Tejido");
      w.writeStartElement("Codes");
      for (Code root : roots) {
        writeCode(w, root, children);
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Could not write the codebook", e);
    }
    return out.toByteArray();
  }

  private static void writeCode(XMLStreamWriter w, Code code, Map<UUID, List<Code>> children)
      throws XMLStreamException {
    w.writeStartElement("Code");
    w.writeAttribute("guid", code.id().toString());
    w.writeAttribute("name", code.name().es() != null ? code.name().es() : code.name().en());
    w.writeAttribute("isCodable", Boolean.toString(code.codable()));
    w.writeAttribute("color", code.colour());
    if (code.description() != null && !code.description().isBlank()) {
      w.writeStartElement("Description");
      w.writeCharacters(code.description());
      w.writeEndElement();
    }
    for (Code child : children.getOrDefault(code.id(), List.of())) {
      writeCode(w, child, children);
    }
    w.writeEndElement();
  }

  /**
   * Reads a codebook's code tree.
   *
   * @throws BadRequest {@code analysis.qdc.invalid} when the file is too large, not well-formed,
   *     declares a DTD or entities, is not a REFI-QDA codebook, or holds a code without a valid
   *     guid or name
   */
  public static List<QdcCode> read(byte[] file) {
    if (file == null || file.length == 0 || file.length > MAX_BYTES) {
      throw new BadRequest("analysis.qdc.invalid");
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(file));
      try {
        while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
          if (r.getEventType() == XMLStreamConstants.DTD) {
            throw new BadRequest("analysis.qdc.invalid");
          }
        }
        if (!r.isStartElement()
            || !"CodeBook".equals(r.getLocalName())
            || !NAMESPACE.equals(r.getNamespaceURI())) {
          throw new BadRequest("analysis.qdc.invalid");
        }
        List<QdcCode> roots = new ArrayList<>();
        int[] count = {0};
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new BadRequest("analysis.qdc.invalid");
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
              case "Codes" -> {}
              case "Code" -> roots.add(readCode(r, 1, count));
              case "Sets" -> skip(r);
              default -> throw new BadRequest("analysis.qdc.invalid");
            }
          }
        }
        return roots;
      } finally {
        r.close();
      }
    } catch (XMLStreamException | IllegalArgumentException e) {
      throw new BadRequest("analysis.qdc.invalid");
    }
  }

  private static QdcCode readCode(XMLStreamReader r, int depth, int[] count)
      throws XMLStreamException {
    if (depth > MAX_DEPTH || ++count[0] > MAX_CODES) {
      throw new BadRequest("analysis.qdc.invalid");
    }
    String guid = r.getAttributeValue(null, "guid");
    String name = r.getAttributeValue(null, "name");
    String codable = r.getAttributeValue(null, "isCodable");
    String color = r.getAttributeValue(null, "color");
    var m = guid == null ? null : GUID.matcher(guid.strip());
    if (m == null || !m.matches() || name == null || name.isBlank()) {
      throw new BadRequest("analysis.qdc.invalid");
    }
    String description = null;
    List<QdcCode> children = new ArrayList<>();
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new BadRequest("analysis.qdc.invalid");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "Description" -> description = r.getElementText();
          case "Code" -> children.add(readCode(r, depth + 1, count));
          default -> skip(r);
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        break;
      }
    }
    return new QdcCode(
        UUID.fromString(m.group(1)),
        name,
        !"false".equalsIgnoreCase(codable == null ? "true" : codable.strip()),
        colour(color),
        description,
        children);
  }

  private static String colour(String rgb) {
    if (rgb == null || !RGB.matcher(rgb.strip()).matches()) {
      return null;
    }
    String hex = rgb.strip().substring(1).toLowerCase(Locale.ROOT);
    if (hex.length() == 3) {
      hex =
          ""
              + hex.charAt(0)
              + hex.charAt(0)
              + hex.charAt(1)
              + hex.charAt(1)
              + hex.charAt(2)
              + hex.charAt(2);
    }
    return "#" + hex;
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }
}
