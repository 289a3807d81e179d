"""The report model: sections matched to the outline, fields, action items, the JSON instance."""
