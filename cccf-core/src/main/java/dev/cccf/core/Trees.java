package dev.cccf.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes JSON trees with jackson-core's streaming API alone, so that a CLI run never
 * pays for setting up an ObjectMapper (about 300 classes) to handle a few extension fields.
 */
final class Trees {
    /** Decimals as they were read (1.50 stays 1.50): no factory of Jackson 2.15 or later strips their zeros. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Trees() {
    }

    /** The value the parser is on, as a tree; the parser ends on the value's last token. */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return integer(p);
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(decimal(p));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // VALUE_EMBEDDED_OBJECT (YAML binary) and the like: keep the text
                return NODES.textNode(p.getText());
        }
    }

    /**
     * The integer the parser stands on, as the smallest node that holds its value. Jackson's YAML
     * parser types an integer by its count of digits, leading zeros included: {@code 000...0} of
     * 20 digits would be a BigIntegerNode, written back as {@code 0} and read again as an IntNode,
     * which is not equal to it (nor a LongNode to an IntNode of the same value).
     */
    private static JsonNode integer(JsonParser p) throws IOException {
        if (p.getNumberType() == JsonParser.NumberType.INT) {
            return NODES.numberNode(p.getIntValue());
        }
        BigInteger n = p.getBigIntegerValue();
        if (n.bitLength() < Integer.SIZE) {
            return NODES.numberNode(n.intValue());
        }
        if (n.bitLength() < Long.SIZE) {
            return NODES.numberNode(n.longValue());
        }
        return NODES.numberNode(n);
    }

    /** Decimal exponents beyond this, either way, are refused (see {@link #decimal}). */
    static final int MAX_EXPONENT = 1000;

    /**
     * The decimal the parser stands on. {@code 1e999999999} is 13 characters, but its canonical
     * form (plain digits) would be a billion: exponents beyond {@value #MAX_EXPONENT} either way,
     * and exponents Java cannot hold at all, are a located {@code limit} problem.
     */
    private static BigDecimal decimal(JsonParser p) throws IOException {
        BigDecimal d;
        try {
            d = p.getDecimalValue();
        } catch (NumberFormatException e) {
            throw outOfRange(p);
        }
        long exponent = (long) d.precision() - d.scale() - 1;
        if (exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT) {
            throw outOfRange(p);
        }
        return d;
    }

    /**
     * True when {@code n}, written as cccf writes numbers ({@link BigDecimal#toString}), reads back
     * as a number: at most {@link DocumentParser#MAX_NUMBER_LENGTH} characters and a decimal
     * exponent within {@value #MAX_EXPONENT} either way.
     */
    static boolean readable(BigDecimal n) {
        long exponent = (long) n.precision() - n.scale() - 1;
        return exponent <= MAX_EXPONENT && exponent >= -MAX_EXPONENT
                && n.toString().length() <= DocumentParser.MAX_NUMBER_LENGTH;
    }

    private static StreamConstraintsException outOfRange(JsonParser p) throws IOException {
        String text = p.getText();
        String shown = text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
        return new StreamConstraintsException("the number " + shown + " is out of range: decimal exponents go from -"
                + MAX_EXPONENT + " to " + MAX_EXPONENT, p.currentTokenLocation());
    }

    /** Writes a tree; with {@code canonical}, keys sorted at every level and numbers normalised. */
    static void write(JsonGenerator g, JsonNode node, boolean canonical) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                if (canonical) {
                    List<String> names = new ArrayList<>(node.size());
                    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                        names.add(it.next());
                    }
                    Collections.sort(names);
                    for (String name : names) {
                        g.writeFieldName(name);
                        write(g, node.get(name), true);
                    }
                } else {
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        g.writeFieldName(e.getKey());
                        write(g, e.getValue(), false);
                    }
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(g, item, canonical);
                }
                g.writeEndArray();
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    g.writeNumber(node.bigIntegerValue());
                } else if (canonical) {
                    BigDecimal d = node.decimalValue().stripTrailingZeros();
                    if (d.scale() <= 0) {
                        g.writeNumber(d.toBigIntegerExact());
                    } else {
                        g.writeNumber(d.toPlainString());
                    }
                } else if (node.isBigDecimal()) {
                    // a decimal stays a decimal on the way back in: 1.5E+3 as it is, 1.5e1 as 15.0
                    // (BigDecimal prints it "15", which would read back as an integer)
                    String text = node.decimalValue().toString();
                    boolean looksIntegral = text.indexOf('.') < 0 && text.indexOf('E') < 0 && text.indexOf('e') < 0;
                    g.writeNumber(looksIntegral ? text + ".0" : text);
                } else {
                    g.writeNumber(node.doubleValue());
                }
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY -> g.writeBinary(node.binaryValue());
            default -> g.writeString(node.asText());
        }
    }
}
