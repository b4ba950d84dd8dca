package org.qanode.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import org.qanode.dicom.json.DicomJsonException;
import org.qanode.dicom.json.DicomJsonReader;

/**
 * {@link DicomJsonReader}: one data set object, or an array of them (QIDO-RS form) when the
 * input starts with '['. Own exceptions: {@link DicomJsonException} for JSON that is not DICOM
 * JSON, and the parser's own for bytes that are not JSON at all: Jackson's
 * {@link JsonProcessingException} (syntax, nesting and number-length limits) and
 * {@link CharConversionException} (broken UTF-16/32), both IOExceptions as the reader declares.
 */
final class JsonTarget implements FuzzTarget {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public List<byte[]> seeds() {
        return Corpus.jsonSeeds();
    }

    @Override
    public List<byte[]> dictionary() {
        return Corpus.jsonDictionary();
    }

    @Override
    public String run(byte[] input) throws IOException {
        DicomJsonReader reader = new DicomJsonReader();
        int i = 0;
        while (i < input.length && Character.isWhitespace(input[i])) {
            i++;
        }
        if (i < input.length && input[i] == '[') {
            return "array " + reader.readAll(new ByteArrayInputStream(input)).size();
        }
        return "object " + (32 - Integer.numberOfLeadingZeros(reader.read(new ByteArrayInputStream(input)).size()));
    }

    @Override
    public boolean isOwn(Throwable t) {
        return t instanceof DicomJsonException || t instanceof JsonProcessingException
                || t instanceof CharConversionException;
    }
}
