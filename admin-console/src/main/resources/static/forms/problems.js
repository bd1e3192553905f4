// Finds which form field a server problem detail is about, so the message can stand next to it.
// The server names fields in a few ways:
//   "clientAllow: '10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR range"   (policies)
//   "Field 'port': must be between 1 and 65535"  /  "Field 'mode' must be one of …"
//   "newPassword must differ from the current password"
// and joins several with "; ". Knows nothing of the DOM.

const PREFIXES = [
  // Field 'id': message  /  Field 'id' message  /  Query parameter 'id' message
  /^(?:field|query parameter)\s+'([^']+)'\s*:?\s*(.*)$/i,
  // id: message
  /^([A-Za-z][\w.-]*)\s*:\s+(.+)$/,
  // id must … / id is … (the sentence keeps its subject, as the field's label)
  /^([A-Za-z][\w.-]*)\s+(?=(?:must|is|are|has|should|cannot|may not)\b)(.+)$/,
];

/**
 * @param {string} detail the problem detail (ApiError.message)
 * @param {Object<string, string>} labels the form's fields: id → label as the form shows it
 * @returns {{fields: Object<string, string>, general: string[]}} messages by field id; the rest
 *   (or the whole detail, when no field is named) in `general`
 */
export function fieldProblems(detail, labels) {
  const known = new Map(Object.entries(labels).map(([id, label]) => [id.toLowerCase(), { id, label }]));
  const fields = {};
  const general = [];
  for (const part of splitProblems(String(detail ?? ''), known)) {
    const match = matchField(part, known);
    if (!match) {
      general.push(part);
    } else if (fields[match.id]) {
      fields[match.id] += ` ${sentence(match.message)}`;
    } else {
      fields[match.id] = sentence(match.message);
    }
  }
  return { fields, general };
}

// "; " separates problems, but also appears inside one ("Unknown field 'x'; known: a, b"): a part
// that names no field is glued back to the one before it.
function splitProblems(detail, known) {
  const parts = [];
  for (const piece of detail.split(/;\s+/)) {
    const text = piece.trim();
    if (!text) continue;
    if (parts.length > 0 && !matchField(text, known)) parts[parts.length - 1] += `; ${text}`;
    else parts.push(text);
  }
  return parts;
}

function matchField(text, known) {
  for (const [index, pattern] of PREFIXES.entries()) {
    const match = pattern.exec(text);
    const field = match && known.get(match[1].toLowerCase());
    if (!field) continue;
    const message = index === 2 ? `${field.label} ${match[2]}` : match[2] || text;
    return { id: field.id, message };
  }
  return null;
}

function sentence(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
