/*
 * A fake libnvidia-ml.so.1 for the GPU collector's tests: the NVML functions the collector binds,
 * with nvml.h's signatures and struct layouts, answering from a key=value file read at
 * nvmlInit_v2. The file's path is FAKE_NVML_CONFIG (compile with -DFAKE_NVML_CONFIG='"..."'),
 * overridden by the environment variable of the same name.
 *
 * Keys (gpuN. prefix per device, N from 0):
 *   init            status nvmlInit_v2 returns (default 0)
 *   count           number of GPUs
 *   shutdown_marker file that nvmlShutdown appends "shutdown\n" to
 *   gpuN.uuid gpuN.name gpuN.minor gpuN.pci
 *   gpuN.util_gpu gpuN.util_mem gpuN.fb_total gpuN.fb_free gpuN.fb_used (bytes)
 *   gpuN.power (mW) gpuN.energy (mJ) gpuN.temp (C) gpuN.sm_clock (MHz)
 *   gpuN.pids       comma-separated pids of compute processes
 *   gpuN.xid        comma-separated XIDs delivered one per nvmlEventSetWait_v2, in order
 *   gpuN.events     status nvmlDeviceRegisterEvents returns (default 0)
 * A later line overrides an earlier one with the same key.
 * A numeric value written "!S" makes its function return status S; a missing numeric key makes it
 * return NVML_ERROR_NOT_SUPPORTED (3).
 * Compile with -DFAKE_NVML_NO_ENERGY to leave nvmlDeviceGetTotalEnergyConsumption out, as an old
 * driver would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct nvmlEventSet_st *nvmlEventSet_t;

#define OK 0
#define E_INVALID 2
#define E_NOT_SUPPORTED 3
#define E_INSUFFICIENT_SIZE 7
#define E_TIMEOUT 10
#define E_UNINITIALIZED 1

#define MAX_GPUS 8
#define MAX_KEYS 256
#define MAX_LIST 16

typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct {
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
} nvmlPciInfo_t;
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId, computeInstanceId;
} nvmlProcessInfo_t;
typedef struct {
  nvmlDevice_t device;
  unsigned long long eventType;
  unsigned long long eventData;
  unsigned int gpuInstanceId, computeInstanceId;
} nvmlEventData_t;

struct nvmlDevice_st { int index; int xid_next; unsigned long long events; };
struct nvmlEventSet_st { int used; };

static struct nvmlDevice_st devices[MAX_GPUS];
static struct nvmlEventSet_st event_set;
static char keys[MAX_KEYS][64];
static char values[MAX_KEYS][160];
static int nkeys;
static int initialised;

static void load_config(void) {
  const char *path = getenv("FAKE_NVML_CONFIG");
#ifdef FAKE_NVML_CONFIG
  if (path == NULL) path = FAKE_NVML_CONFIG;
#endif
  nkeys = 0;
  if (path == NULL) return;
  FILE *f = fopen(path, "r");
  if (f == NULL) return;
  char line[256];
  while (nkeys < MAX_KEYS && fgets(line, sizeof line, f) != NULL) {
    char *eq = strchr(line, '=');
    if (line[0] == '#' || eq == NULL) continue;
    *eq = '\0';
    char *v = eq + 1;
    v[strcspn(v, "\r\n")] = '\0';
    snprintf(keys[nkeys], sizeof keys[0], "%.63s", line);
    snprintf(values[nkeys], sizeof values[0], "%.159s", v);
    nkeys++;
  }
  fclose(f);
}

static const char *get(const char *key) {
  for (int i = nkeys - 1; i >= 0; i--) { /* a later line overrides an earlier one */
    if (strcmp(keys[i], key) == 0) return values[i];
  }
  return NULL;
}

static const char *device_key(nvmlDevice_t d, const char *field) {
  static char key[64];
  snprintf(key, sizeof key, "gpu%d.%s", d->index, field);
  return get(key);
}

/* The number under key, or the status the key names ("!S"), or NOT_SUPPORTED when absent. */
static nvmlReturn_t number(nvmlDevice_t d, const char *field, unsigned long long *out) {
  if (!initialised) return E_UNINITIALIZED;
  if (d == NULL) return E_INVALID;
  const char *v = device_key(d, field);
  if (v == NULL) return E_NOT_SUPPORTED;
  if (v[0] == '!') return atoi(v + 1);
  *out = strtoull(v, NULL, 10);
  return OK;
}

static int count(void) {
  const char *v = get("count");
  int n = v == NULL ? 0 : atoi(v);
  return n > MAX_GPUS ? MAX_GPUS : n;
}

/* Splits a comma-separated list of numbers; returns how many. */
static int list(const char *v, unsigned long long *out) {
  int n = 0;
  while (v != NULL && *v != '\0' && n < MAX_LIST) {
    char *end;
    out[n++] = strtoull(v, &end, 10);
    v = *end == ',' ? end + 1 : NULL;
  }
  return n;
}

nvmlReturn_t nvmlInit_v2(void) {
  load_config();
  const char *v = get("init");
  if (v != NULL && atoi(v) != 0) return atoi(v);
  for (int i = 0; i < MAX_GPUS; i++) {
    devices[i].index = i;
    devices[i].xid_next = 0;
    devices[i].events = 0;
  }
  initialised = 1;
  return OK;
}

nvmlReturn_t nvmlShutdown(void) {
  if (!initialised) return E_UNINITIALIZED;
  initialised = 0;
  const char *marker = get("shutdown_marker");
  if (marker != NULL) {
    FILE *f = fopen(marker, "a");
    if (f != NULL) {
      fputs("shutdown\n", f);
      fclose(f);
    }
  }
  return OK;
}

const char *nvmlErrorString(nvmlReturn_t result) {
  switch (result) {
    case OK: return "Success";
    case E_UNINITIALIZED: return "Uninitialized";
    case E_NOT_SUPPORTED: return "Not Supported";
    case 9: return "Driver Not Loaded";
    case E_TIMEOUT: return "Timeout";
    case 15: return "GPU is lost";
    default: return "Unknown Error";
  }
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount) {
  if (!initialised) return E_UNINITIALIZED;
  *deviceCount = (unsigned int) count();
  return OK;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  if (!initialised) return E_UNINITIALIZED;
  if (index >= (unsigned int) count()) return E_INVALID;
  *device = &devices[index];
  return OK;
}

static nvmlReturn_t string(nvmlDevice_t d, const char *field, char *out, unsigned int length) {
  if (!initialised) return E_UNINITIALIZED;
  const char *v = device_key(d, field);
  if (v == NULL) return E_NOT_SUPPORTED;
  if (strlen(v) + 1 > length) return E_INSUFFICIENT_SIZE;
  strcpy(out, v);
  return OK;
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
  return string(device, "uuid", uuid, length);
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
  return string(device, "name", name, length);
}

nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t device, unsigned int *minorNumber) {
  unsigned long long v;
  nvmlReturn_t st = number(device, "minor", &v);
  if (st == OK) *minorNumber = (unsigned int) v;
  return st;
}

nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
  if (!initialised) return E_UNINITIALIZED;
  const char *v = device_key(device, "pci");
  if (v == NULL) return E_NOT_SUPPORTED;
  memset(pci, 0, sizeof *pci);
  snprintf(pci->busId, sizeof pci->busId, "%s", v);
  snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%s", v + 4);
  pci->pciDeviceId = 0x20b010de;
  return OK;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
  unsigned long long g, m;
  nvmlReturn_t st = number(device, "util_gpu", &g);
  if (st == OK) st = number(device, "util_mem", &m);
  if (st == OK) {
    utilization->gpu = (unsigned int) g;
    utilization->memory = (unsigned int) m;
  }
  return st;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
  unsigned long long t, f, u;
  nvmlReturn_t st = number(device, "fb_total", &t);
  if (st == OK) st = number(device, "fb_free", &f);
  if (st == OK) st = number(device, "fb_used", &u);
  if (st == OK) {
    memory->total = t;
    memory->free = f;
    memory->used = u;
  }
  return st;
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
  unsigned long long v;
  nvmlReturn_t st = number(device, "power", &v);
  if (st == OK) *power = (unsigned int) v;
  return st;
}

#ifndef FAKE_NVML_NO_ENERGY
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
  return number(device, "energy", energy);
}
#endif

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensorType, unsigned int *temp) {
  if (sensorType != 0) return E_NOT_SUPPORTED; /* only NVML_TEMPERATURE_GPU */
  unsigned long long v;
  nvmlReturn_t st = number(device, "temp", &v);
  if (st == OK) *temp = (unsigned int) v;
  return st;
}

nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, int type, unsigned int *clock) {
  if (type != 1) return E_NOT_SUPPORTED; /* only NVML_CLOCK_SM */
  unsigned long long v;
  nvmlReturn_t st = number(device, "sm_clock", &v);
  if (st == OK) *clock = (unsigned int) v;
  return st;
}

nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                     nvmlProcessInfo_t *infos) {
  if (!initialised) return E_UNINITIALIZED;
  unsigned long long pids[MAX_LIST];
  int n = list(device_key(device, "pids"), pids);
  if (*infoCount < (unsigned int) n) {
    *infoCount = (unsigned int) n;
    return E_INSUFFICIENT_SIZE;
  }
  for (int i = 0; i < n; i++) {
    infos[i].pid = (unsigned int) pids[i];
    infos[i].usedGpuMemory = 1ULL << 30;
    infos[i].gpuInstanceId = 0xFFFFFFFFu;
    infos[i].computeInstanceId = 0xFFFFFFFFu;
  }
  *infoCount = (unsigned int) n;
  return OK;
}

nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set) {
  if (!initialised) return E_UNINITIALIZED;
  event_set.used = 1;
  *set = &event_set;
  return OK;
}

nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set) {
  if (set != &event_set) return E_INVALID;
  event_set.used = 0;
  return OK;
}

nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long eventTypes,
                                      nvmlEventSet_t set) {
  if (!initialised) return E_UNINITIALIZED;
  if (set != &event_set || !event_set.used) return E_INVALID;
  const char *v = device_key(device, "events");
  if (v != NULL && atoi(v) != 0) return atoi(v);
  device->events |= eventTypes;
  return OK;
}

nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
  (void) timeoutms;
  if (!initialised) return E_UNINITIALIZED;
  if (set != &event_set || !event_set.used) return E_INVALID;
  for (int i = 0; i < count(); i++) {
    struct nvmlDevice_st *d = &devices[i];
    unsigned long long xids[MAX_LIST];
    int n = list(device_key(d, "xid"), xids);
    if ((d->events & 0x8ULL) != 0 && d->xid_next < n) {
      memset(data, 0, sizeof *data);
      data->device = d;
      data->eventType = 0x8ULL;
      data->eventData = xids[d->xid_next++];
      data->gpuInstanceId = 0xFFFFFFFFu;
      data->computeInstanceId = 0xFFFFFFFFu;
      return OK;
    }
  }
  return E_TIMEOUT;
}
