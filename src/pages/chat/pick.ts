/** Quick replies that open a picker: `pick:image`, `pick:file:<field>`, `pick:cancel`. */
export const PICK_PREFIX = 'pick:'
