import {
  ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, LIST_RESPONSE_SCHEMA, MAX_RESULTS, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA, USER_SCHEMA,
} from "./scim-schemas";

// The discovery documents of RFC 7644 §4, stating exactly what this service does: PATCH and filters yes;
// bulk, sort, ETags and password changes no. Only the attributes Guardrail stores are listed.

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: "https://github.com/guardrail/guardrail#provisioning",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "An admin-made API key with the scim scope, sent as Authorization: Bearer <key>.", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA], id: "User", name: "User", endpoint: "/Users", description: "A person in the Guardrail directory",
      schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA], id: "Group", name: "Group", endpoint: "/Groups", description: "An identity-provider group; admins map groups to teams and roles",
      schema: GROUP_SCHEMA, schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

type Attribute = {
  name: string; type: string; multiValued: boolean; description: string; required: boolean; caseExact: boolean;
  mutability: string; returned: string; uniqueness: string; subAttributes?: Attribute[]; referenceTypes?: string[];
};

function attr(name: string, description: string, o: Partial<Attribute> = {}): Attribute {
  return { name, type: "string", multiValued: false, description, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...o };
}

const userAttributes: Attribute[] = [
  attr("userName", "The identity provider's login name for the person. Unique.", { required: true, uniqueness: "server" }),
  attr("name", "The person's name.", {
    type: "complex",
    subAttributes: [attr("formatted", "The full name, shown in Guardrail."), attr("givenName", "Given name."), attr("familyName", "Family name.")],
  }),
  attr("displayName", "The name shown in Guardrail."),
  attr("title", "Job title."),
  attr("active", "false deactivates the person: decisions deny with user_inactive and open grants are revoked.", { type: "boolean" }),
  attr("emails", "The work email, used to sign in and to name the person in usage. Exactly one is kept.", {
    type: "complex", multiValued: true, required: true,
    subAttributes: [attr("value", "The address.", { uniqueness: "server" }), attr("type", "Always work."), attr("primary", "Always true.", { type: "boolean" })],
  }),
  attr("groups", "Groups the person is in (set through /Groups).", {
    type: "complex", multiValued: true, mutability: "readOnly",
    subAttributes: [attr("value", "Group id.", { mutability: "readOnly" }), attr("display", "Group name.", { mutability: "readOnly" })],
  }),
];

const enterpriseAttributes: Attribute[] = [
  attr("employeeNumber", "The employee id gateways may name the person by. Unique; generated when absent.", { uniqueness: "server" }),
  attr("department", "Sets the person's team (a team of that name, created when missing) unless a group mapping gives one."),
  attr("manager", "The person's manager.", {
    type: "complex",
    subAttributes: [attr("value", "The manager's User id.", { caseExact: true }), attr("displayName", "The manager's name.", { mutability: "readOnly" })],
  }),
];

const groupAttributes: Attribute[] = [
  attr("displayName", "The group's name; group mappings refer to it.", { required: true, uniqueness: "server" }),
  attr("members", "The people in the group.", {
    type: "complex", multiValued: true,
    subAttributes: [attr("value", "A User id.", { caseExact: true, mutability: "immutable" }), attr("display", "The person's name.", { mutability: "readOnly" })],
  }),
];

export function schemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: Attribute[]) => ({
    schemas: [SCHEMA_SCHEMA], id, name, description, attributes, meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(USER_SCHEMA, "User", "User Account", userAttributes),
    schema(ENTERPRISE_USER_SCHEMA, "EnterpriseUser", "Enterprise User", enterpriseAttributes),
    schema(GROUP_SCHEMA, "Group", "Group", groupAttributes),
  ];
}

export function discoveryList<T>(resources: T[]) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
