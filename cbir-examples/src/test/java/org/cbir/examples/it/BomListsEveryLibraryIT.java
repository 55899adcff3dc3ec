package org.cbir.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** cbir-bom lists every library module of the build, at the build's version. */
class BomListsEveryLibraryIT {
    /** The modules that are not libraries a user depends on. */
    private static final Set<String> APPLICATIONS = Set.of("cbir-examples", "cbir-bench", "cbir-bom");

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Document pom, String parent, String child) {
        List<String> texts = new ArrayList<>();
        NodeList parents = pom.getElementsByTagName(parent);
        for (int i = 0; i < parents.getLength(); i++) {
            NodeList children = ((Element) parents.item(i)).getElementsByTagName(child);
            for (int j = 0; j < children.getLength(); j++) {
                texts.add(children.item(j).getTextContent().strip());
            }
        }
        return texts;
    }

    @Test
    void everyLibraryModuleIsInTheBom() throws Exception {
        Document parent = parse(BuiltArtifacts.root().resolve("pom.xml"));
        Document bom = parse(BuiltArtifacts.root().resolve("cbir-bom/pom.xml"));
        List<String> managed = texts(bom, "dependency", "artifactId");
        for (String module : texts(parent, "modules", "module")) {
            if (!APPLICATIONS.contains(module)) {
                assertTrue(managed.contains(module), module + " is missing from cbir-bom/pom.xml");
            }
        }
        String version = parent.getDocumentElement().getElementsByTagName("version").item(0).getTextContent();
        String bomVersion = bom.getDocumentElement().getElementsByTagName("version").item(0).getTextContent();
        assertEquals(version, bomVersion, "cbir-bom's version");
    }
}
