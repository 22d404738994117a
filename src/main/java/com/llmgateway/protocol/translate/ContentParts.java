package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * User content: OpenAI content parts and Anthropic content blocks.
 *
 * <p>Images: an OpenAI {@code image_url} that is a base64 {@code data:} URL is Anthropic's {@code base64} source,
 * any other URL its {@code url} source. PDFs: OpenAI's {@code file} part with inline {@code file_data} is Anthropic's
 * base64 {@code document}, its {@code filename} the document {@code title}. File ids belong to one provider's file
 * store and audio has no Anthropic input, so those are rejected.
 */
final class ContentParts {
    private static final String PDF = "application/pdf";

    private ContentParts() {}

    static ObjectNode toAnthropicBlock(JsonNode value, String path, Dropped dropped) {
        ObjectNode part = Json.requireObject(value, path);
        String type = Json.text(part, "type", path + ".type").orElse("");
        ObjectNode block = switch (type) {
            case "text" ->
                Json.object()
                        .put("type", "text")
                        .put("text", Json.text(part, "text", path + ".text").orElse(""));
            case "image_url" -> image(part, path, dropped);
            case "file" -> document(part, path);
            case "input_audio" -> throw Json.unsupported(path, "Anthropic models take no audio input");
            default -> throw Json.invalid(path + ".type", "is not one of text, image_url, file, input_audio");
        };
        if (part.path("cache_control").isObject()) {
            block.set("cache_control", part.get("cache_control"));
        }
        return block;
    }

    private static ObjectNode image(ObjectNode part, String path, Dropped dropped) {
        JsonNode imageUrl = part.get("image_url");
        String url;
        if (imageUrl != null && imageUrl.isTextual()) {
            url = imageUrl.textValue();
        } else {
            ObjectNode object = Json.requireObject(imageUrl, path + ".image_url");
            url = Json.text(object, "url", path + ".image_url.url")
                    .orElseThrow(() -> Json.invalid(path + ".image_url.url", "is required"));
            String detail =
                    Json.text(object, "detail", path + ".image_url.detail").orElse("auto");
            if (!detail.equals("auto")) {
                dropped.add("messages[].content[].image_url.detail");
            }
        }
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (DataUrl.isDataUrl(url)) {
            DataUrl data = DataUrl.parse(url)
                    .orElseThrow(() -> Json.invalid(path + ".image_url.url", "must be a base64 data URL"));
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private static ObjectNode document(ObjectNode part, String path) {
        ObjectNode file = Json.requireObject(part.get("file"), path + ".file");
        if (!Json.absent(file, "file_id")) {
            throw Json.unsupported(path + ".file.file_id", "file ids belong to the OpenAI file store");
        }
        String fileData = Json.text(file, "file_data", path + ".file.file_data")
                .orElseThrow(() -> Json.invalid(path + ".file.file_data", "is required"));
        DataUrl data = DataUrl.parse(fileData)
                .filter(d -> d.mediaType().equalsIgnoreCase(PDF))
                .orElseThrow(() -> Json.unsupported(path + ".file.file_data", "only base64 PDF data URLs translate"));
        ObjectNode block = Json.object().put("type", "document");
        block.putObject("source").put("type", "base64").put("media_type", PDF).put("data", data.data());
        Json.text(file, "filename", path + ".file.filename").ifPresent(name -> block.put("title", name));
        return block;
    }

    /** An Anthropic user content block as an OpenAI content part (tool results are handled by the caller). */
    static ObjectNode toOpenAiPart(JsonNode value, String path, Dropped dropped) {
        ObjectNode block = Json.requireObject(value, path);
        String type = Json.text(block, "type", path + ".type").orElse("");
        ObjectNode part = switch (type) {
            case "text" -> {
                if (!Json.absent(block, "citations")) {
                    dropped.add("messages[].content[].citations");
                }
                yield Json.object()
                        .put("type", "text")
                        .put("text", Json.text(block, "text", path + ".text").orElse(""));
            }
            case "image" -> openAiImage(block, path);
            case "document" -> openAiFile(block, path, dropped);
            default -> throw Json.unsupported(path + ".type", "OpenAI has no '" + type + "' content");
        };
        if (!Json.absent(block, "cache_control")) {
            // OpenAI caches prompt prefixes automatically and has no marker to carry.
            dropped.add("messages[].content[].cache_control");
        }
        return part;
    }

    private static ObjectNode openAiImage(ObjectNode block, String path) {
        ObjectNode source = Json.requireObject(block.get("source"), path + ".source");
        String sourceType = Json.text(source, "type", path + ".source.type").orElse("");
        String url = switch (sourceType) {
            case "base64" ->
                new DataUrl(
                                Json.text(source, "media_type", path + ".source.media_type")
                                        .orElseThrow(() -> Json.invalid(path + ".source.media_type", "is required")),
                                Json.text(source, "data", path + ".source.data")
                                        .orElseThrow(() -> Json.invalid(path + ".source.data", "is required")))
                        .url();
            case "url" ->
                Json.text(source, "url", path + ".source.url")
                        .orElseThrow(() -> Json.invalid(path + ".source.url", "is required"));
            default ->
                throw Json.unsupported(
                        path + ".source.type", "'" + sourceType + "' images exist only in the Anthropic file store");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode openAiFile(ObjectNode block, String path, Dropped dropped) {
        ObjectNode source = Json.requireObject(block.get("source"), path + ".source");
        boolean base64Pdf = "base64".equals(source.path("type").asText())
                && PDF.equalsIgnoreCase(source.path("media_type").asText());
        if (!base64Pdf || !source.path("data").isTextual()) {
            throw Json.unsupported(path + ".source", "only base64 PDF documents translate to OpenAI files");
        }
        ObjectNode part = Json.object().put("type", "file");
        ObjectNode file = part.putObject("file");
        Optional<String> title = Json.text(block, "title", path + ".title");
        title.ifPresent(t -> file.put("filename", t));
        file.put("file_data", new DataUrl(PDF, source.get("data").textValue()).url());
        for (String field : new String[] {"context", "citations"}) {
            if (!Json.absent(block, field)) {
                dropped.add("messages[].content[]." + field);
            }
        }
        return part;
    }
}
