import { describe, expect, it } from "vitest";
import { parsePeopleCsv } from "@/lib/people/parse-people-csv";

describe("parsePeopleCsv", () => {
  it("maps loosely written headers and normalises cells", () => {
    const parsed = parsePeopleCsv("E-mail,Full name,Team,Manager_Email,Role,Employee ID\n ANA@Corp.test , Ana ,Eng,BOSS@corp.test,Manager engineer manager,E7\n");
    expect(parsed.issues).toEqual([]);
    expect(parsed.columns).toEqual(["email", "name", "team", "managerEmail", "roles", "employeeId"]);
    expect(parsed.rows).toEqual([{ row: 2, email: "ana@corp.test", name: "Ana", team: "Eng", managerEmail: "boss@corp.test", roles: ["engineer", "manager"], employeeId: "E7" }]);
  });

  it("names the row and field of each problem, numbering rows as a spreadsheet does", () => {
    const parsed = parsePeopleCsv("email,name,roles\nok@corp.test,Ok,engineer\n\nbad,,\nx@corp.test,X,;\n");
    expect(parsed.rows.map((r) => r.email)).toEqual(["ok@corp.test"]);
    expect(parsed.issues).toEqual([
      { row: 4, field: "email", message: "Not an email address." },
      { row: 4, field: "name", message: "Give the person's name." },
      { row: 4, field: "roles", message: "Give at least one role (engineer, manager, legal, admin)." },
      { row: 5, field: "roles", message: "Give at least one role (engineer, manager, legal, admin)." },
    ]);
  });

  it("refuses unknown or repeated columns, and a file that is not CSV", () => {
    expect(parsePeopleCsv("email,name,shoe size\n").issues).toEqual([{ row: 1, field: "shoe size", message: expect.stringContaining('Unknown column "shoe size"') }]);
    expect(parsePeopleCsv("email,name,role,roles\n").issues).toEqual([{ row: 1, field: "roles", message: 'The "roles" column appears twice.' }]);
    expect(parsePeopleCsv('email,name\n"unterminated,x\n').issues[0]).toMatchObject({ field: "(file)", message: expect.stringContaining("Not a readable CSV file") });
    expect(parsePeopleCsv("").issues[0].message).toMatch(/empty/);
  });
});
