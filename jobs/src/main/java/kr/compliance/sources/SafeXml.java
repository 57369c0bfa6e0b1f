package kr.compliance.sources;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;

/**
 * A SAX parser for files from outside: a DOCTYPE is refused outright (so no internal or external
 * entity, no DTD fetched, no billion-laughs expansion can exist), external entities and DTD loading
 * are off as a second line, XInclude is off, and the JDK's secure-processing limits apply, with
 * elements nested at most {@value #MAX_DEPTH} deep. The JDK's
 * built-in parser is used whatever else is on the class path, so these features are known to hold.
 */
final class SafeXml {

    static final int MAX_DEPTH = 64;

    private SafeXml() {}

    static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // a report is a few levels deep; a million nested elements is an attack on the parser's stack
            parser.setProperty("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature: " + e.getMessage(), e);
        }
    }
}
