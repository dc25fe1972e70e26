import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument());
}
