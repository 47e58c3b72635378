<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- zh_CN for the desk window (ui/). Plain words for older volunteers. -->
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Next visitor scanned · Enter takes it</source><translation>下一位已扫码 · Enter 接收</translation></message>
<message><source>Next visitor scanned · first choose what was done for the stop</source><translation>下一位已扫码 · 请先选择对被拦截人员的处理</translation></message>
<message><source>Re-measured {temperature} → pass</source><translation>复测 {temperature} → 通行</translation></message>
<message><source>Re-measured {temperature} → still stopped</source><translation>复测 {temperature} → 仍拦截</translation></message>
<message><source>Demo checkpoint</source><translation>演示卡点</translation></message>
<message><source>Demo community</source><translation>演示社区</translation></message>
<message><source>Demo volunteer</source><translation>演示志愿者</translation></message>
<message><source>Demo supervisor</source><translation>演示负责人</translation></message>
<message><source>A supervisor types their PIN first.</source><translation>请负责人先输入密码。</translation></message>
<message><source>Stopped. What was done? (choose one)</source><translation>已拦截。如何处理？（选一项）</translation></message>
<message><source>Denied entry (Alt+1)</source><translation>劝返 (Alt+1)</translation></message>
<message><source>Referred to medical staff (Alt+2)</source><translation>转医护人员 (Alt+2)</translation></message>
<message><source>2nd temperature</source><translation>复测体温</translation></message>
<message><source>Re-measured (Alt+3)</source><translation>已复测 (Alt+3)</translation></message>
<message><source>Allowed by supervisor (Alt+4)</source><translation>负责人放行 (Alt+4)</translation></message>
<message><source>DEMO</source><translation>演示</translation></message>
<message><source>Choose camera</source><translation>选择摄像头</translation></message>
<message><source>Camera number (0, 1, …) or video file path:</source><translation>摄像头编号（0、1 …）或视频文件路径：</translation></message>
<message><source>Checkpoint Desk</source><translation>卡点登记台</translation></message>
<message><source>Light theme</source><translation>浅色</translation></message>
<message><source>Dark theme</source><translation>深色</translation></message>
<message><source>Settings…</source><translation>设置…</translation></message>
<message><source>End shift…</source><translation>交班…</translation></message>
<message><source>Live</source><translation>实时</translation></message>
<message><source>Disconnected · reconnecting</source><translation>断开 · 重连中</translation></message>
<message><source>Demo</source><translation>演示</translation></message>
<message><source>No camera</source><translation>无摄像头</translation></message>
<message><source>Camera: {state}</source><translation>摄像头：{state}</translation></message>
<message><source>Choose camera…</source><translation>换摄像头…</translation></message>
<message><source>No camera — use the handheld scanner or type the details</source><translation>没有摄像头 —— 请用扫码枪或手工输入</translation></message>
<message><source>denied entry</source><translation>劝返</translation></message>
<message><source>re-measured</source><translation>已复测</translation></message>
<message><source>referred to medical staff</source><translation>转医护</translation></message>
<message><source>allowed by supervisor</source><translation>负责人放行</translation></message>
<message><source>Recent visits</source><translation>最近登记</translation></message>
<message><source>Search (Ctrl+F): ID, phone, plate, name or pinyin initials</source><translation>搜索 (Ctrl+F)：身份证 / 电话 / 车牌 / 姓名 / 拼音首字母</translation></message>
<message><source>In/Out</source><translation>进/出</translation></message>
<message><source>Temp ℃</source><translation>体温 ℃</translation></message>
<message><source>Look at the phone: press G green, Y yellow or R red</source><translation>请看手机上的码：绿码按 G，黄码按 Y，红码按 R</translation></message>
<message><source>Manual entry: type the ID number and name; a phone is not needed</source><translation>手工登记：输入身份证号和姓名，不需要手机</translation></message>
<message><source>Recorded: {what}</source><translation>已记录：{what}</translation></message>
<message><source>{name} was registered a moment ago.</source><translation>{name} 刚刚已登记。</translation></message>
<message><source>Unlocked by {name}.</source><translation>已由 {name} 解锁。</translation></message>
<message><source>Settings</source><translation>设置</translation></message>
<message><source>Supervisor PIN</source><translation>负责人密码</translation></message>
<message><source>Unlock</source><translation>解锁</translation></message>
<message><source>Only a supervisor can change settings.</source><translation>只有负责人可以修改设置。</translation></message>
<message><source>(system)</source><translation>（跟随系统）</translation></message>
<message><source>No supervisor has this PIN.</source><translation>没有负责人使用这个密码。</translation></message>
<message><source>New station: who is the first supervisor?</source><translation>新卡点：第一位负责人是谁？</translation></message>
<message><source>Start of shift: who is on duty?</source><translation>开始值班：请问谁值班？</translation></message>
<message><source>PIN</source><translation>密码</translation></message>
<message><source>Your name</source><translation>您的姓名</translation></message>
<message><source>Choose a PIN (4–12 digits)</source><translation>设置密码（4–12 位数字）</translation></message>
<message><source>Opening the station…</source><translation>正在打开卡点…</translation></message>
<message><source>Opening the station… you are signed in when it is open.</source><translation>正在打开卡点…打开后即为您登录。</translation></message>
<message><source>Your PIN</source><translation>您的密码</translation></message>
<message><source>Sign in and open the shift (Enter)</source><translation>登录并开始值班 (Enter)</translation></message>
<message><source>Handover note from the last shift:</source><translation>上一班的交班留言：</translation></message>
<message><source>(none)</source><translation>（无）</translation></message>
<message><source>Type your name.</source><translation>请输入您的姓名。</translation></message>
<message><source>The PIN is 4 to 12 digits.</source><translation>密码为 4 到 12 位数字。</translation></message>
<message><source>End of shift</source><translation>交班</translation></message>
<message><source>This shift: in {entered} · out {left} · stopped {stopped} · not yet synced {unsynced}</source><translation>本班：进 {entered} · 出 {left} · 拦截 {stopped} · 未同步 {unsynced}</translation></message>
<message><source>Handover note for the next volunteer:</source><translation>给下一班的交班留言：</translation></message>
<message><source>Back to the desk</source><translation>返回登记</translation></message>
<message><source>Shift closed: in {entered} · out {left} · stopped {stopped}.</source><translation>已交班：进 {entered} · 出 {left} · 拦截 {stopped}。</translation></message>
<message><source>One record is not synced yet; it stays on this laptop.</source><translation>还有 1 条记录未同步，仍保存在本机。</translation></message>
<message><source>One synced visit past the retention period was removed.</source><translation>已删除 1 条超过保留期限且已同步的登记。</translation></message>
<message><source>{count} records are not synced yet; they stay on this laptop.</source><translation>还有 {count} 条记录未同步，仍保存在本机。</translation></message>
<message><source>Backup: {path}</source><translation>备份：{path}</translation></message>
<message><source>Shift ledger: {path}</source><translation>本班台账：{path}</translation></message>
<message><source>Vehicle {plate} was still open with nobody registered: closed with the shift.</source><translation>车辆 {plate} 尚未结束登记且无人登记：已随交班结束。</translation></message>
<message><source>Vehicle {plate} was still open: closed with the shift, its one registered occupant kept.</source><translation>车辆 {plate} 尚未结束登记：已随交班结束，已登记的 1 名乘车人员已保存。</translation></message>
<message><source>Vehicle {plate} was still open: closed with the shift, its {count} registered occupants kept.</source><translation>车辆 {plate} 尚未结束登记：已随交班结束，已登记的 {count} 名乘车人员均已保存。</translation></message>
<message><source>Vehicle {plate} is still open ({count} registered): closing the shift closes it; its registered occupants are kept.</source><translation>车辆 {plate} 尚未结束登记（已登记 {count} 人）：交班时将一并结束，已登记的乘车人员均会保存。</translation></message>
<message><source>On duty: {name} (since {time})</source><translation>值班：{name}（{time} 起）</translation></message>
<message><source>Nobody signed in</source><translation>无人值班</translation></message>
<message><source>Today: in {entered} · out {left} · stopped {stopped} · fever {fever}</source><translation>今日 进 {entered} · 出 {left} · 拦截 {stopped} · 发热 {fever}</translation></message>
<message><source>Unsynced: {count}</source><translation>未同步 {count}</translation></message>
<message><source>Trust list: none</source><translation>信任列表：无</translation></message>
<message><source>Trust list: updated within the hour</source><translation>信任列表：1 小时内更新</translation></message>
<message><source>Trust list: {hours} h old</source><translation>信任列表：{hours} 小时前</translation></message>
<message><source>Trust list: {days} days old</source><translation>信任列表：{days} 天前</translation></message>
<message><source>READY</source><translation>请扫码</translation></message>
<message><source>PASS</source><translation>通行</translation></message>
<message><source>STOP</source><translation>拦截</translation></message>
<message><source>CHECK</source><translation>待确认</translation></message>
<message><source>ALREADY REGISTERED</source><translation>已登记</translation></message>
<message><source>Scan a code, or type the details and the temperature.</source><translation>请扫码，或手工输入信息和体温。</translation></message>
<message><source>Green (G)</source><translation>绿码 (G)</translation></message>
<message><source>Yellow (Y)</source><translation>黄码 (Y)</translation></message>
<message><source>Red (R)</source><translation>红码 (R)</translation></message>
<message><source>Temperature ℃</source><translation>体温 ℃</translation></message>
<message><source>Going to</source><translation>去往</translation></message>
<message><source>vehicle only</source><translation>有车才填</translation></message>
<message><source>Passengers</source><translation>同行人数</translation></message>
<message><source>In (F2)</source><translation>进 (F2)</translation></message>
<message><source>Out (F3)</source><translation>出 (F3)</translation></message>
<message><source>Register (Enter)</source><translation>登记 (Enter)</translation></message>
<message><source>Clear (Esc)</source><translation>清空 (Esc)</translation></message>
<message><source>Manual entry (Ctrl+N)</source><translation>手工登记 (Ctrl+N)</translation></message>
<message><source>not verifiable</source><translation>无法核验</translation></message>
<message><source>confirmed: {colour}</source><translation>已确认：{colour}</translation></message>
<message><source>Scanned: </source><translation>已扫：</translation></message>
<message><source>fever</source><translation>发热</translation></message>
<message><source>test too old</source><translation>核酸过期</translation></message>
<message><source>EU certificate</source><translation>欧盟证书</translation></message>
<message><source>health code</source><translation>健康码</translation></message>
<message><source>travel code</source><translation>行程码</translation></message>
<message><source>pass</source><translation>通行证</translation></message>
<message><source>code</source><translation>码</translation></message>
<message><source>Locked after a while without use: type your PIN</source><translation>长时间未操作已锁定：请输入密码</translation></message>
<message><source>Trust list: demo issuer</source><translation>信任列表：演示签发方</translation></message>
<message><source>Manual entry needs the ID number.</source><translation>手工登记需要填写身份证号。</translation></message>
<message><source>Light</source><translation>浅色</translation></message>
<message><source>Dark</source><translation>深色</translation></message>
<message><source>Save</source><translation>保存</translation></message>
<message><source>Cancel</source><translation>取消</translation></message>
<message><source>Wrong PIN, try again.</source><translation>密码错误，请重试。</translation></message>
<message><source>syncing…</source><translation>同步中…</translation></message>
<message><source>sync failed: {reason}</source><translation>同步失败：{reason}</translation></message>
<message><source>last sync {time}</source><translation>上次同步 {time}</translation></message>
<message><source> · {count} refused by the hub</source><translation> · 汇总端拒收 {count} 条</translation></message>
<message><source>Camera lost — reconnecting…</source><translation>摄像头断开 —— 正在重连…</translation></message>
<message><source>Close the shift (backup and shift ledger)</source><translation>交班（备份并导出本班台账）</translation></message>
<message><source>Correct or delete… (F9)</source><translation>更正或删除…（F9）</translation></message>
<message><source>Show full numbers…</source><translation>显示完整号码…</translation></message>
<message><source>Nothing was changed.</source><translation>没有任何改动。</translation></message>
<message><source>Correct or delete a visit</source><translation>更正或删除登记</translation></message>
<message><source>What was done</source><translation>处理方式</translation></message>
<message><source>Why (for the audit trail)</source><translation>原因（记入审计记录）</translation></message>
<message><source>{masked} (type a number to replace it)</source><translation>{masked}（输入新号码即替换）</translation></message>
<message><source>Save the correction (Enter)</source><translation>保存更正（Enter）</translation></message>
<message><source>Delete the visit</source><translation>删除这条登记</translation></message>
<message><source>Cancel (Esc)</source><translation>取消（Esc）</translation></message>
<message><source>The shift is closed; every visit is kept in the database.</source><translation>本班已交班，所有登记都保存在数据库中。</translation></message>
<message><source>First choose what was done for the stop, then correct visits.</source><translation>请先选择对被拦截人员的处理，再更正登记。</translation></message>
</context>
</TS>
