import { PgStore } from '../../cloud/store/pg/PgStore'
import { storeContract } from '../store/contract'
import { freshDatabase } from './db'

storeContract('PostgreSQL (real server)', async () => PgStore.connect(await freshDatabase('contract')))
