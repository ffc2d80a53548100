import { GetLicenseHandler } from './get-license.handler';
import { ListLicensesHandler } from './list-licenses.handler';

export { GetLicense } from './get-license.query';
export { ListLicenses } from './list-licenses.query';
export const LICENSE_QUERY_HANDLERS = [ListLicensesHandler, GetLicenseHandler];
