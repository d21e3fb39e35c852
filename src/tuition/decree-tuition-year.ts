/** The decree's tuition for one academic year (form A): a fixed part plus an amount per credit, in cents. */
export interface DecreeTuitionYear {
  academicYear: string;
  fixedCents: number;
  perCreditCents: number;
}
