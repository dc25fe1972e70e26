import { describe, expect, it } from "vitest";
import { canonicalEntityType, storedEntityTypeNames } from "@/lib/audit/entity-type";

describe("audit entity types", () => {
  it("filters by a type and its legacy spelling, which hash-chained rows keep", () => {
    expect(storedEntityTypeNames("api_key")).toEqual(["api_key", "ApiKey"]);
    expect(storedEntityTypeNames("ExceptionRequest")).toEqual(["exception_request", "ExceptionRequest"]);
    expect(storedEntityTypeNames("review_item")).toEqual(["review_item"]);
    expect(storedEntityTypeNames("unknown")).toEqual(["unknown"]);
  });

  it("names every stored spelling canonically", () => {
    expect(canonicalEntityType("Grant")).toBe("grant");
    expect(canonicalEntityType("grant")).toBe("grant");
    expect(canonicalEntityType("nope")).toBeNull();
  });
});
