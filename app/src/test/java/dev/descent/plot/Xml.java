package dev.descent.plot;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses SVG text strictly; a malformed document fails the test. */
final class Xml {
    private Xml() {
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<org.w3c.dom.Element> elements(Document d, String name) {
        NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<org.w3c.dom.Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((org.w3c.dom.Element) nl.item(i));
        }
        return out;
    }

    static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        for (var e : elements(d, "text")) {
            out.add(e.getTextContent());
        }
        return out;
    }
}
